#!/usr/bin/env bash
# Walk the real wizard window as a person would, keyboard only, on a virtual X display, and take a
# screenshot at each stop. Not run by CI: it needs Xvfb, xdotool and ImageMagick's `import`
# (Debian: apt-get install -y xvfb xdotool imagemagick).
#
#   tools/walk_real_window.sh [OUT_DIR] [PYTHON]
#
# OUT_DIR defaults to /tmp/tsw-walk; PYTHON (the interpreter to check) to the test venv with torch.
# The check is REAL: whatever GPU, toolkit and torch this machine has. Look at the pictures afterwards.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-/tmp/tsw-walk}"
PYTHON="${2:-$HOME/.cache/tsw-tests/torch-2.13.0/bin/python}"
SCREEN="${TSW_WALK_DISPLAY:-:99}"
mkdir -p "$OUT"
rm -f "$OUT"/*.png

for tool in Xvfb xdotool import; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install -y xvfb xdotool imagemagick)" >&2; exit 2; }
done

Xvfb "$SCREEN" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
APP_PID=""
cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
    kill "$XVFB_PID" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY="$SCREEN"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# Own settings folder: never the user's remembered window geometry.
export XDG_CONFIG_HOME="$OUT/config"
"$REPO/.venv/bin/torch-setup-wizard" gui --python "$PYTHON" >"$OUT/wizard.log" 2>&1 &
APP_PID=$!
WINDOW="$(xdotool search --sync --onlyvisible --name 'Torch Setup Wizard' | head -1)"
xdotool windowfocus --sync "$WINDOW"
sleep 1  # interpreter discovery fills the list

n=0
shot() {  # shot NAME: the whole screen (there is no window manager, the window sits at the top left)
    n=$((n + 1))
    sleep "${2:-0.4}"
    import -window root "$OUT/$(printf '%02d' "$n")-$1.png"
    echo "$OUT/$(printf '%02d' "$n")-$1.png"
}
key() { xdotool key --clearmodifiers "$@"; }

shot welcome
for i in 1 2 3 4 5 6 7 8 9; do key Tab; done
shot welcome-after-9-tabs 0.2
key shift+Tab shift+Tab shift+Tab shift+Tab shift+Tab shift+Tab shift+Tab shift+Tab shift+Tab
key alt+n                       # Next: leaves Welcome and starts the real check
shot checking 0.2
key alt+n                       # pressed while collecting: must do nothing
shot checking-after-alt-n 0.2
sleep 8                         # the real check (one import of torch)
shot step1-driver
key Tab Tab Tab
shot step1-driver-tabbed 0.2
for page in step2-toolkit step3-cudnn step4-python step5-pytorch summary; do
    key alt+n
    shot "$page"
done
for i in 1 2 3 4 5 6; do key Tab; done
shot summary-tabbed 0.2
key alt+b                       # Back to step 5
shot back-to-step5
key alt+n                       # Next to the Summary again
shot summary-again
key alt+f                       # Finish: the window closes
sleep 1
if kill -0 "$APP_PID" 2>/dev/null; then echo "the wizard is still running after Finish" >&2; else echo "closed by Finish"; fi
