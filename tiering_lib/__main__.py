"""``python -m tiering_lib``: see :mod:`tiering_lib.cli`."""

import sys

from tiering_lib.cli import main

if __name__ == "__main__":
    sys.exit(main())
