"""``torch-setup-wizard overview FOLDER [--json|--csv]``: one table of many saved reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wizard.cli import EXIT_OK, UsageError
from wizard.i18n import text
from wizard.overview import read_folder, skipped_line, to_csv, to_json, to_text


def run(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        raise UsageError(text("command.not_a_folder", folder=repr(args.folder)))
    overview = read_folder(folder)
    if args.json:
        print(to_json(overview))
    elif args.csv:
        print(to_csv(overview), end="")
        for skipped in overview.skipped:  # the CSV itself stays one row per machine
            print(skipped_line(skipped), file=sys.stderr)
    else:
        print(to_text(overview))
    return EXIT_OK
