/// Swift wrapper of PROJ: coordinate transformations between CRSs with explicit x/y axis order.
public enum QuartierPROJModule {}
