#!/usr/bin/env bash
# Build the Linux one-folder bundle and a tarball:
#   bash packaging/build_linux.sh            → dist/torch-setup-wizard/ and dist/torch-setup-wizard-<version>-linux-<arch>.tar.gz
# Uses its own build venv (build/pyinstaller-venv) so it never touches yours.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${TSW_BUILD_VENV:-$ROOT/build/pyinstaller-venv}
PYTHON=${PYTHON:-python3}

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q "pyinstaller>=6.10" .
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" packaging/torch-setup-wizard.spec

BUNDLE=$ROOT/dist/torch-setup-wizard
install -D -m 644 packaging/linux/torch-setup-wizard.desktop "$BUNDLE/share/applications/torch-setup-wizard.desktop"
install -D -m 644 resources/icons/torch-setup-wizard.svg "$BUNDLE/share/icons/hicolor/scalable/apps/torch-setup-wizard.svg"

VERSION=$("$VENV/bin/python" -c "import wizard; print(wizard.__version__)")
TARBALL=$ROOT/dist/torch-setup-wizard-$VERSION-linux-$(uname -m).tar.gz
tar -C "$ROOT/dist" -czf "$TARBALL" torch-setup-wizard
echo "bundle:  $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"
echo "tarball: $TARBALL ($(du -sh "$TARBALL" | cut -f1))"
