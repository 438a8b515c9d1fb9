"""Models of the engineering analysis windows (DCA, PVT, nodal, material balance): inputs,
results and exports, Qt-free; the calculations themselves are ``domain.engineering``."""
