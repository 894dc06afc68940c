/// Swift wrapper of the GEOS C API (reentrant functions only): one context per thread, owned handles, typed errors.
public enum QuartierGEOSModule {}
