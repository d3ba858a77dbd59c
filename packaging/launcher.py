"""Entry point of the frozen bundle: the same command line as `torch-setup-wizard`."""

import os
import sys

from frozen_env import restore_user_environment

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        restore_user_environment(os.environ, sys._MEIPASS)
    from wizard.cli import main

    sys.exit(main())
