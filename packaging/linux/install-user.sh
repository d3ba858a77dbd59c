#!/bin/sh
# Install the unpacked Torch Setup Wizard for the current user (no root needed):
#   ./install-user.sh             links the two programs into ~/.local/bin, adds the menu entry and icon
#   ./install-user.sh --uninstall removes them again (the unpacked folder itself stays where it is)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${XDG_BIN_HOME:-$HOME/.local/bin}
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
DESKTOP=$DATA/applications/torch-setup-wizard.desktop
ICON=$DATA/icons/hicolor/scalable/apps/torch-setup-wizard.svg

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$BIN/torch-setup-wizard" "$BIN/torch-setup-wizard-gui" "$DESKTOP" "$ICON"
    echo "removed the menu entry and the links in $BIN"
    exit 0
fi
if [ ! -x "$HERE/torch-setup-wizard-gui" ]; then
    echo "install-user.sh: run me from the unpacked torch-setup-wizard folder" >&2
    exit 2
fi
mkdir -p "$BIN" "$(dirname "$DESKTOP")" "$(dirname "$ICON")"
ln -sf "$HERE/torch-setup-wizard" "$BIN/torch-setup-wizard"
ln -sf "$HERE/torch-setup-wizard-gui" "$BIN/torch-setup-wizard-gui"
cp "$HERE/share/icons/hicolor/scalable/apps/torch-setup-wizard.svg" "$ICON"
# The menu runs the program by its full path: ~/.local/bin is not on every desktop session's PATH.
sed "s|^Exec=.*|Exec=\"$HERE/torch-setup-wizard-gui\"|" "$HERE/share/applications/torch-setup-wizard.desktop" > "$DESKTOP"
echo "installed: $BIN/torch-setup-wizard, $BIN/torch-setup-wizard-gui and the menu entry $DESKTOP"
