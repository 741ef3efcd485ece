"""Writes mpmath-exp.json: e^x from mpmath at a few arguments and precisions.

Regenerate with:  python3 packages/exact/test/mpmath-exp-table.py > packages/exact/test/mpmath-exp.json

Each value carries 20 digits more than its precision (mpmath computed with 40 more), so a
test can round it to the precision itself; mpmath is independent of decimal.js.
"""

import json

import mpmath

ARGUMENTS = ["-0.83", "0.5", "1", "-1", "12.3456789", "-35.5", "0.000123", "-700.25", "999.9"]
# Points of the ball exp's tables and their edges: -2^-6, 63/64, 2^-30, 2^-30 less a
# little, and arguments just inside and outside the tables' range (|x| < 64).
ARGUMENTS += ["-0.015625", "0.984375", "9.31322574615478515625e-10", "9.3132e-10", "-63.999", "64.5", "-0.3775"]
PRECISIONS = [10, 50, 100, 1000]

rows = []
for digits in PRECISIONS:
    mpmath.mp.dps = digits + 40
    for x in ARGUMENTS:
        value = mpmath.exp(mpmath.mpf(x))
        rows.append({"x": x, "digits": digits, "exp": mpmath.nstr(value, digits + 20, min_fixed=1, max_fixed=0)})
print(json.dumps({"source": "mpmath " + mpmath.__version__, "rows": rows}, indent=2))
