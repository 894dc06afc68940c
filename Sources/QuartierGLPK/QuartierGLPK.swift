/// Swift wrapper of GLPK: linear and mixed-integer programmes for disclosure control.
public enum QuartierGLPKModule {}
