"""Entry point of the frozen bundle: the same command line as `torch-setup-wizard`."""

import sys

from wizard.cli import main

if __name__ == "__main__":
    sys.exit(main())
