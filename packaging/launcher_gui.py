"""Entry point of the frozen windowed executable (no console window on Windows): opens the wizard."""

import sys

from wizard.cli import gui_main

if __name__ == "__main__":
    sys.exit(gui_main())
