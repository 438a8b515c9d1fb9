"""Petroleum-engineering calculations: decline curves, PVT, inflow/outflow and nodal analysis,
material balance.

Pure functions over floats and numpy arrays, no I/O. Every correlation cites its source in its
docstring and states its units; oilfield units (psia, degF, STB, scf, cP) are the working units,
as in the published correlations, and conversions to SI live beside them.
"""
