/// Swift wrapper of shapelib: reads ESRI Shapefiles (.shp/.shx/.dbf with .prj and .cpg).
public enum QuartierShapefileModule {}
