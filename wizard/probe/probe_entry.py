# -*- coding: utf-8 -*-
"""Torch Setup Wizard probe: run BY the interpreter being checked.

    python probe_entry.py static   facts about this interpreter (never imports torch)
    python probe_entry.py live     import torch and record what happens
    python probe_entry.py damage   every file of torch's (and its kin's) RECORD: missing or cut short?

Prints ONE JSON object on stdout ("probe_schema": 1); diagnostics go to stderr.
This file must parse and run on Python 2.7 and every Python 3: no f-strings, no
annotations, nothing newer. On Python older than 3.6 it reports only who it is
("supported": false) and exits 0. The real work lives in probe_static.py and
probe_live.py beside this file, which need 3.6+.
"""
from __future__ import print_function

import json
import os
import platform
import struct
import sys
import traceback

PROBE_SCHEMA = 1
MIN_VERSION = (3, 6)
MODES = ("static", "live", "damage")
STAGE_PREFIX = "tsw-probe: stage: "

# The one table: wizard/facts/host.py imports this module for it (the probe cannot import the wizard).
_MACHINES = {"amd64": "x86_64", "x64": "x86_64", "i386": "x86", "i686": "x86", "arm64": "arm64", "aarch64": "aarch64"}


def normalise_machine(machine):
    machine = machine.lower()
    return _MACHINES.get(machine, machine)


def os_key(sys_platform):
    if sys_platform.startswith("win"):
        return "windows"
    if sys_platform == "darwin":
        return "darwin"
    return "linux"


def implementation_name():
    impl = getattr(sys, "implementation", None)
    if impl is not None:
        return impl.name
    return platform.python_implementation().lower()


def identity():
    """Who this interpreter is: what even an unsupported Python can tell."""
    return {
        "executable": sys.executable or "",
        "version": platform.python_version(),
        "implementation": implementation_name(),
        "bits": struct.calcsize("P") * 8,
        "os": os_key(sys.platform),
        "machine": normalise_machine(platform.machine()),
    }


def stage(name):
    """Tell the wizard (on stderr) what the probe is doing, so a crash or hang can name the step."""
    sys.stderr.write(STAGE_PREFIX + name + "\n")
    sys.stderr.flush()


def protect_stdout():
    """Route everything later written to stdout (Python or native code) to stderr.

    Returns a file object on the real stdout, kept for the one JSON line.
    """
    try:
        sys.stdout.flush()
        saved = os.dup(1)
        os.dup2(2, 1)
        return os.fdopen(saved, "w")
    except (OSError, AttributeError, ValueError):
        return sys.stdout


def emit(out, result):
    result["probe_schema"] = PROBE_SCHEMA
    out.write(json.dumps(result) + "\n")
    out.flush()


def own_folder():
    return os.path.dirname(os.path.realpath(os.path.abspath(__file__)))


def forget_folder(folder):
    """Take the probe's folder off sys.path: the target's own view of sys.path is what we report."""
    sys.path[:] = [p for p in sys.path if not p or os.path.realpath(os.path.abspath(p)) != folder]


def run(mode, folder):
    if sys.version_info[:2] < MIN_VERSION:
        result = identity()
        result["supported"] = False
        result["mode"] = mode
        return result
    if folder not in sys.path:
        sys.path.insert(0, folder)
    if mode == "live":
        import probe_live as module
    elif mode == "damage":
        import probe_dists

        forget_folder(folder)
        result = probe_dists.collect_damage(identity(), sys.path)
        result["supported"] = True
        result["mode"] = mode
        return result
    else:
        import probe_static as module
    forget_folder(folder)
    result = module.collect(identity())
    result["supported"] = True
    result["mode"] = mode
    return result


def main(argv):
    mode = argv[1] if len(argv) > 1 else "static"
    if mode not in MODES:
        sys.stderr.write("usage: probe_entry.py static|live|damage\n")
        return 2
    out = protect_stdout()
    folder = own_folder()
    try:
        result = run(mode, folder)
    except Exception:  # a bug in the probe itself: still answer in JSON, with the traceback
        text = traceback.format_exc()
        sys.stderr.write(text)
        result = identity()
        result["mode"] = mode
        result["probe_error"] = text
    emit(out, result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
