// shapelib: ESRI Shapefile (.shp/.shx) and dBase (.dbf) reading.
#include <shapefil.h>
