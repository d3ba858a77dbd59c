"""packaging/frozen_env.py: what the frozen launchers undo before the wizard starts any program."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("frozen_env", REPO / "packaging" / "frozen_env.py")
frozen_env = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(frozen_env)

BUNDLE = "/opt/tsw/_internal"


def restored(environ: dict[str, str]) -> dict[str, str]:
    frozen_env.restore_user_environment(environ, BUNDLE)
    return environ


def test_the_users_library_path_comes_back_from_the_bootloaders_backup() -> None:
    env = restored({"LD_LIBRARY_PATH": f"{BUNDLE}:/home/u/lib", "LD_LIBRARY_PATH_ORIG": "/home/u/lib"})
    assert env == {"LD_LIBRARY_PATH": "/home/u/lib"}


def test_a_library_path_only_the_bundle_set_is_removed() -> None:
    assert restored({"LD_LIBRARY_PATH": BUNDLE, "PATH": "/usr/bin"}) == {"PATH": "/usr/bin"}


def test_without_a_backup_only_the_bundles_entries_go() -> None:
    env = restored({"LD_LIBRARY_PATH": os.pathsep.join([BUNDLE, f"{BUNDLE}/PySide6", "/usr/local/cuda/lib64"])})
    assert env == {"LD_LIBRARY_PATH": "/usr/local/cuda/lib64"}


def test_qt_variables_pointing_into_the_bundle_are_removed() -> None:
    env = restored({"QT_PLUGIN_PATH": f"{BUNDLE}/PySide6/Qt/plugins", "QML2_IMPORT_PATH": f"{BUNDLE}/PySide6/Qt/qml"})
    assert env == {}


def test_a_users_own_qt_plugin_folder_is_kept() -> None:
    env = restored({"QT_PLUGIN_PATH": os.pathsep.join([f"{BUNDLE}/PySide6/Qt/plugins", "/home/u/qtplugins"])})
    assert env == {"QT_PLUGIN_PATH": "/home/u/qtplugins"}


def test_a_sibling_folder_with_the_same_prefix_is_not_the_bundle() -> None:
    env = restored({"LD_LIBRARY_PATH": f"{BUNDLE}-extra/lib"})
    assert env == {"LD_LIBRARY_PATH": f"{BUNDLE}-extra/lib"}


def test_an_empty_original_value_is_restored_as_empty() -> None:
    env = restored({"LD_LIBRARY_PATH": BUNDLE, "LD_LIBRARY_PATH_ORIG": ""})
    assert env == {"LD_LIBRARY_PATH": ""}


def test_the_bundle_is_taken_off_path_and_the_rest_kept_in_order() -> None:
    env = restored({"PATH": os.pathsep.join([BUNDLE, "/usr/local/bin", "/usr/bin"])})
    assert env == {"PATH": os.pathsep.join(["/usr/local/bin", "/usr/bin"])}
