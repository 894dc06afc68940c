// GLPK: linear and mixed-integer programming (simplex, branch-and-cut).
#include <glpk.h>
