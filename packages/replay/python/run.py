"""Entry point of the program runner: `python3 -I run.py < request.json > result.json`.

`-I` keeps the user's Python environment out (PYTHON* variables, user site-packages, the
current directory); this file puts its own folder on the path so the runner's package is
found, and nothing else.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bpcheck_runner.main import main  # noqa: E402

sys.exit(main())
