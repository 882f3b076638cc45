"""Allow ``python -m hrdesk`` to behave exactly like the ``hrdesk`` command."""

import sys

from hrdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
