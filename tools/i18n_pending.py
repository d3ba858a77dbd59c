"""Which English message keys still lack a translation (tests/core/untranslated_keys.txt).

    .venv/bin/python tools/i18n_pending.py           # list the keys some language lacks, and the stale lines
    .venv/bin/python tools/i18n_pending.py --update  # delete the lines every language translates now

tests/core/test_catalogs.py lets a key listed in untranslated_keys.txt show in English, and fails for a
listed key that every language has (delete its line) or an unlisted key a language lacks. After a batch of
translations lands, --update deletes the translated keys' lines; it never adds a line (a new key is listed
by whoever adds it, on purpose).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PENDING = REPO / "tests" / "core" / "untranslated_keys.txt"
sys.path.insert(0, str(REPO))

from wizard import i18n  # noqa: E402


def untranslated() -> dict[str, list[str]]:
    """English key → the languages whose file lacks it (a missing file lacks all its keys)."""
    missing: dict[str, list[str]] = {}
    for name in i18n.CATALOGS:
        english = i18n.load_catalog_file(i18n.catalog_path(name))
        for locale in i18n.LANGUAGES:
            if locale == i18n.SOURCE_LOCALE:
                continue
            path = i18n.catalog_path(name, locale)
            translated = i18n.load_catalog_file(path) if path.is_file() else {}
            for key in english:
                if key not in translated:
                    missing.setdefault(key, []).append(locale)
    return missing


def listed(lines: list[str]) -> set[str]:
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="delete the lines of keys every language has")
    args = parser.parse_args(argv)
    lines = PENDING.read_text(encoding="utf-8").splitlines()
    missing = untranslated()
    stale = sorted(listed(lines) - set(missing))
    unlisted = sorted(set(missing) - listed(lines))
    if args.update:
        kept = [line for line in lines if line.startswith("#") or not line.strip() or line.strip() in missing]
        PENDING.write_text("\n".join(kept) + "\n", encoding="utf-8")
        print(f"{len(lines) - len(kept)} translated keys deleted; {len(listed(kept))} still pending")
        return 0
    print(f"{len(missing)} keys lack a translation somewhere; {len(stale)} listed keys are translated everywhere "
          f"(run --update); {len(unlisted)} missing keys are not listed:")
    for key in unlisted:
        print(f"  {key}: {', '.join(missing[key])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
