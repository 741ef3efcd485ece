"""bpref: an independent Python reference for bpcheck's fixtures.

It shares no code with the TypeScript packages: the backpropagation algorithm is written
here once (engine.py) over a small number-system interface (number_systems.py), run in
numpy float64 and in mpmath at 60+ significant digits, and used to check every fixture file.
"""
