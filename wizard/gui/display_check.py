"""Can a Qt window open here? Decided BEFORE QApplication exists, because Qt aborts the whole
process ("Could not load the Qt platform plugin xcb") instead of raising.

No PySide6 import here: this runs first and must be fast. Libraries are probed with dlopen
(ctypes), the X display with libxcb's own xcb_connect.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Mapping

# Every library Qt's xcb platform plugin (libqxcb.so → libQt6XcbQpa.so.6) needs beyond Qt's own,
# with the Debian/Ubuntu package that provides it (read from the plugin's DT_NEEDED entries).
XCB_PLUGIN_LIBRARIES = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libglib-2.0.so.0": "libglib2.0-0",
}

Loader = Callable[[str], object]


def missing_libraries(load: Loader = ctypes.CDLL, libraries: Mapping[str, str] = XCB_PLUGIN_LIBRARIES) -> list[str]:
    """The sonames that cannot be loaded."""
    missing = []
    for soname in libraries:
        try:
            load(soname)
        except OSError:
            missing.append(soname)
    return missing


def x_display_reachable(display: str) -> bool:
    """Ask libxcb to connect to ``display`` (as Qt would); True when it answers."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return False
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return bool(connection) and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection:
            xcb.xcb_disconnect(connection)


def _say(key: str, **params: object) -> str:
    """The sentence and the hint that the same checks run in a terminal, in the user's language."""
    from wizard.i18n import text

    return f"{text(key, **params)} {text('display.terminal_hint', command='torch-setup-wizard check')}"


def display_problem(env: Mapping[str, str], platform: str, load: Loader = ctypes.CDLL,
                    reachable: Callable[[str], bool] = x_display_reachable) -> str:
    """One plain message when no window can open here, else "".

    Only Linux (and other X11 systems) can fail this way; an explicit QT_QPA_PLATFORM is
    the user's choice and is trusted, and on Wayland Qt uses its Wayland plugin.
    """
    if platform in ("win32", "darwin") or env.get("QT_QPA_PLATFORM") or env.get("WAYLAND_DISPLAY"):
        return ""
    display = env.get("DISPLAY", "")
    if not display:
        return _say("display.none")
    missing = missing_libraries(load)
    if missing:
        packages = " ".join(XCB_PLUGIN_LIBRARIES[name] for name in missing)
        return _say("display.libraries", libraries=", ".join(missing), command=f"sudo apt install {packages}")
    if not reachable(display):
        return _say("display.unreachable", display=repr(display))
    return ""
