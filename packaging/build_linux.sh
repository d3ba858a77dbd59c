#!/usr/bin/env bash
# Build the Linux one-folder bundle and a tarball:
#   bash packaging/build_linux.sh   → dist/torch-setup-wizard/ and dist/torch-setup-wizard-<version>-linux-<arch>.tar.gz
# Uses its own build venv (build/pyinstaller-venv) so it never touches yours. Settings (environment):
#   PYTHON          interpreter that creates the build venv (default python3; the bundle carries its version)
#   TSW_BUILD_VENV  the build venv (default build/pyinstaller-venv)
#   TSW_DIST_DIR    where the bundle and tarball go (default dist)
#   TSW_WORK_DIR    PyInstaller's work folder (default build/pyinstaller)
#   TSW_TARBALL=0   skip the tarball (the packaging smoke test does)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${TSW_BUILD_VENV:-$ROOT/build/pyinstaller-venv}
DIST=${TSW_DIST_DIR:-$ROOT/dist}
WORK=${TSW_WORK_DIR:-$ROOT/build/pyinstaller}
PYTHON=${PYTHON:-python3}

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
# Reinstall the dependencies only when pyproject.toml changed; PyInstaller reads the wizard itself
# from this checkout (the spec puts it first on the path).
STAMP="$VENV/.tsw-deps-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$STAMP" ]; then
    "$VENV/bin/python" -m pip install -q "pyinstaller>=6.10,<7" .
    rm -f "$VENV"/.tsw-deps-*
    touch "$STAMP"
fi

# The X11 platform plugin links these; a bundle built without them cannot open a window on X11.
for lib in libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1; do
    if ! /sbin/ldconfig -p | grep "$lib" > /dev/null; then
        echo "warning: $lib is not installed on this build machine; the bundle will need it on the user's (Debian/Ubuntu: apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1)" >&2
    fi
done

"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" packaging/torch-setup-wizard.spec

BUNDLE=$DIST/torch-setup-wizard
install -D -m 644 packaging/linux/torch-setup-wizard.desktop "$BUNDLE/share/applications/torch-setup-wizard.desktop"
install -D -m 644 resources/icons/torch-setup-wizard.svg "$BUNDLE/share/icons/hicolor/scalable/apps/torch-setup-wizard.svg"
install -D -m 755 packaging/linux/install-user.sh "$BUNDLE/install-user.sh"

echo "bundle:  $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"
if [ "${TSW_TARBALL:-1}" != "0" ]; then
    VERSION=$(cd "$ROOT" && "$VENV/bin/python" -c "import wizard; print(wizard.__version__)")
    TARBALL=$DIST/torch-setup-wizard-$VERSION-linux-$(uname -m).tar.gz
    tar -C "$DIST" -czf "$TARBALL" torch-setup-wizard
    echo "tarball: $TARBALL ($(du -sh "$TARBALL" | cut -f1))"
fi
