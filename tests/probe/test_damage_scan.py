"""The damage scan off the live import's critical path: every check looks at the compiled libraries of torch
and its kin (a dozen files); the whole RECORD is read only when the import, or a step after it, failed."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from wizard.facts.collect import collect_snapshot
from wizard.facts.runner import run_command


def recording_runner(calls: list[tuple[str, ...]]):
    def run(argv, **kwargs):
        calls.append(tuple(argv))
        return run_command(argv, **kwargs)

    return run


def modes(calls: list[tuple[str, ...]]) -> list[str]:
    return [argv[-1] for argv in calls if argv and argv[-1] in ("static", "live", "damage")]


def write_record(dist_info: Path, site: Path, files: list[str]) -> None:
    lines = []
    for relative in files:
        data = (site / relative).read_bytes()
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        lines.append(f"{relative},sha256={digest},{len(data)}")
    (dist_info / "RECORD").write_text("\n".join(lines) + "\n")


def torch_venv(make_venv, name: str, init: str):
    venv = make_venv(name)
    venv.write_package("torch", {"__init__.py": init, "utils/helpers.py": "X = 1\n"})
    (venv.site_packages / "torch" / "lib").mkdir()
    (venv.site_packages / "torch" / "lib" / "libtorch_cpu.so").write_bytes(b"\x7fELF" + bytes(4000))
    dist_info = venv.write_dist("torch", "2.13.0+cpu")
    write_record(dist_info, venv.site_packages, ["torch/__init__.py", "torch/utils/helpers.py", "torch/lib/libtorch_cpu.so"])
    return venv


def damaged_of(snapshot) -> tuple[str, ...]:
    return next(d.damaged for d in snapshot.python.get().distributions if d.name == "torch")


def test_a_healthy_check_never_reads_the_whole_record(torch_python: str) -> None:
    calls: list[tuple[str, ...]] = []
    snapshot = collect_snapshot(torch_python, runner=recording_runner(calls), places=False)
    assert snapshot.torch.ok and damaged_of(snapshot) == ()
    assert sorted(modes(calls)) == ["live", "static"]  # no third probe on the way of a working import


def test_a_truncated_library_is_found_beside_the_import(make_venv) -> None:
    venv = torch_venv(make_venv, "truncated-lib", "raise ImportError('libtorch_cpu.so: file too short')\n")
    with (venv.site_packages / "torch" / "lib" / "libtorch_cpu.so").open("r+b") as handle:
        handle.truncate(100)
    calls: list[tuple[str, ...]] = []
    static_only = collect_snapshot(venv.python, live_import=False, runner=run_command, places=False)
    assert damaged_of(static_only) == ("torch/lib/libtorch_cpu.so",)
    snapshot = collect_snapshot(venv.python, runner=recording_runner(calls), places=False)
    assert damaged_of(snapshot) == ("torch/lib/libtorch_cpu.so",)


def test_a_deleted_python_file_is_found_once_the_import_fails(make_venv) -> None:
    venv = torch_venv(make_venv, "deleted-py", "from torch.utils import helpers\n")
    (venv.site_packages / "torch" / "utils" / "helpers.py").unlink()
    calls: list[tuple[str, ...]] = []
    snapshot = collect_snapshot(venv.python, runner=recording_runner(calls), places=False)
    assert not snapshot.torch.ok and "damage" in modes(calls)  # the import failed: the whole RECORD is read
    assert damaged_of(snapshot) == ("torch/utils/helpers.py",)


def test_without_the_live_import_the_whole_record_is_read(make_venv) -> None:
    venv = torch_venv(make_venv, "no-import", "__version__ = '2.13.0+cpu'\n")
    (venv.site_packages / "torch" / "utils" / "helpers.py").unlink()
    calls: list[tuple[str, ...]] = []
    snapshot = collect_snapshot(venv.python, live_import=False, runner=recording_runner(calls), places=False)
    assert modes(calls) == ["static", "damage"] and damaged_of(snapshot) == ("torch/utils/helpers.py",)
