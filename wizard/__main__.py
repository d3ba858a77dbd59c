"""``python -m wizard``: the same as the ``torch-setup-wizard`` command."""

import sys

from wizard.cli import main

if __name__ == "__main__":
    sys.exit(main())
