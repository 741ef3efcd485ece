"""Runs a published numpy program's own text for bpcheck replay: in float64 under numpy, or
exactly with numpy object arrays of decimal.Decimal; captures what it prints, line by line,
with the program line that printed it. See main.py for the request and result formats."""
