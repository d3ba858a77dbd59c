"""Entry point of the frozen windowed executable (no console window on Windows): opens the wizard."""

import os
import sys

from frozen_env import restore_user_environment

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        restore_user_environment(os.environ, sys._MEIPASS)
    from wizard.cli import gui_main

    sys.exit(gui_main())
