"""Entry point of the program runner: `python3 -I run.py < request.json > result.json`.

`-I` keeps the user's Python environment out (PYTHON* variables, user site-packages, the
current directory); this file puts its own folder on the path so the runner's package is
found, and nothing else. Without numpy it writes {"unavailable": reason} and exits 3.
"""

import json
import os
import sys

try:
    import numpy  # noqa: F401
except ImportError:
    json.dump({"unavailable": f"numpy is not installed for {sys.executable}"}, sys.stdout)
    sys.exit(3)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bpcheck_runner.main import main  # noqa: E402

sys.exit(main())
