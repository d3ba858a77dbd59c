"""A local package index for tests: small stand-in wheels served over http://127.0.0.1 from a thread.

The wheels are real (zip files with METADATA, WHEEL and a RECORD with sha256 hashes) and pure-Python
(``py3-none-any``), so the REAL pip of a REAL venv installs them. The layout mirrors the real indexes:

* ``/simple/<project>/`` — every wheel, like PyPI (use as ``--index-url http://127.0.0.1:PORT/simple``);
* ``/whl/<variant>/<project>/`` — only the wheels of that variant plus the plain dependencies, like
  ``https://download.pytorch.org/whl/cu130`` (use ``http://127.0.0.1:PORT/whl`` as the torch index base).

Faults: :meth:`LocalIndex.fail_download` makes the server send part of one file and then close the
connection (a network fault) or stall (to test cancel).

Use :func:`pip_env` for every pip run: it hides this machine's pip configuration (``/etc/pip.conf``,
``PIP_FIND_LINKS``, constraint files), so only the local index is used.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import os
import random
import re
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

PADDING_BYTES = 2 * 1024 * 1024 + 123_457  # > 512 kB so pip shows progress; random so zip cannot shrink it


class _Server(http.server.ThreadingHTTPServer):
    # socketserver's listen backlog of 5 drops the SYNs of a burst of concurrent requests (the index reader opens
    # a dozen), and the kernel retries them after 1 s: a stall real index servers (backlog 511 and more) don't have.
    request_queue_size = 128


@dataclass(frozen=True)
class WheelSpec:
    name: str  # project name as written ("torch", "nvidia-cudnn-cu13")
    version: str  # "2.13.0+cu130"
    requires: tuple[str, ...] = ()
    torch_cuda: str | None = None  # for torch stand-ins: torch.version.cuda
    padding: int = PADDING_BYTES
    broken_entry_point: bool = False  # pip fails while installing it (after earlier packages were installed)
    variants: tuple[str, ...] = ()  # which /whl/<variant>/ indexes list it; () = every variant (plain deps)
    tag: str = "py3-none-any"  # the wheel's compatibility tag ("cp311-cp311-manylinux_2_28_x86_64")
    padding_name: str = "_padding.bin"  # the padding file, inside the package ("lib/libcudnn.so.9": a library)

    @property
    def filename(self) -> str:
        return f"{_dist_name(self.name)}-{self.version}-{self.tag}.whl"

    @property
    def project(self) -> str:
        return re.sub(r"[-_.]+", "-", self.name).lower()


def _dist_name(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name)


def standard_wheels() -> list[WheelSpec]:
    """The stand-ins most tests need: torch/torchvision CPU and CUDA 13.0 builds, cuDNN, two NumPys."""
    return [
        WheelSpec("torch", "2.13.0+cpu", torch_cuda=None, variants=("cpu",)),
        WheelSpec("torch", "2.13.0+cu130", requires=("nvidia-cudnn-cu13==9.13.0.50",), torch_cuda="13.0", variants=("cu130",)),
        WheelSpec("torchvision", "0.28.0+cpu", requires=("torch==2.13.0",), variants=("cpu",)),
        WheelSpec("torchvision", "0.28.0+cu130", requires=("torch==2.13.0",), variants=("cu130",)),
        WheelSpec("nvidia-cudnn-cu13", "9.13.0.50", padding_name="lib/libcudnn.so.9"),
        WheelSpec("numpy", "1.26.4", padding=600_000),
        WheelSpec("numpy", "2.1.0", padding=600_000),
    ]


def broken_torchvision_cu130() -> WheelSpec:
    """A torchvision CUDA build whose install fails after torch and cuDNN were already installed."""
    return WheelSpec(
        "torchvision", "0.28.0+cu130", requires=("torch==2.13.0",), variants=("cu130",), broken_entry_point=True
    )


def build_wheel(spec: WheelSpec, folder: Path) -> Path:
    """Write one wheel file into folder and return its path."""
    files = _wheel_files(spec)
    dist_info = f"{_dist_name(spec.name)}-{spec.version}.dist-info"
    record_lines = [f"{path},sha256={_b64_sha256(data)},{len(data)}" for path, data in files.items()]
    record_lines.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = ("\n".join(record_lines) + "\n").encode()
    target = folder / spec.filename
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    return target


def _wheel_files(spec: WheelSpec) -> dict[str, bytes]:
    package = _dist_name(spec.name).lower()
    dist_info = f"{_dist_name(spec.name)}-{spec.version}.dist-info"
    seed = int.from_bytes(hashlib.sha256(spec.filename.encode()).digest()[:8], "big")
    files: dict[str, bytes] = {}
    if spec.project == "torch":
        files.update(_torch_package(spec))
    else:
        files[f"{package}/__init__.py"] = f'__version__ = "{spec.version}"\n'.encode()
    files[f"{package}/{spec.padding_name}"] = random.Random(seed).randbytes(spec.padding)
    metadata = ["Metadata-Version: 2.1", f"Name: {spec.name}", f"Version: {spec.version}", "Summary: test stand-in"]
    metadata += [f"Requires-Dist: {requirement}" for requirement in spec.requires]
    files[f"{dist_info}/METADATA"] = ("\n".join(metadata) + "\n\n").encode()
    files[f"{dist_info}/WHEEL"] = (
        f"Wheel-Version: 1.0\nGenerator: tsw-tests\nRoot-Is-Purelib: true\nTag: {spec.tag}\n\n".encode()
    )
    if spec.broken_entry_point:
        # No ":callable" suffix: pip raises "Invalid script entry point" while installing this wheel.
        files[f"{dist_info}/entry_points.txt"] = f"[console_scripts]\n{package}-tool = {package}\n".encode()
    return files


def _torch_package(spec: WheelSpec) -> dict[str, bytes]:
    cuda = repr(spec.torch_cuda)
    arch = "['sm_75', 'sm_80', 'sm_86', 'sm_90', 'sm_100', 'sm_120']" if spec.torch_cuda else "[]"
    return {
        "torch/__init__.py": (
            b"from torch import cuda, version, backends\n"
            b"from torch.version import __version__\n"
        ),
        "torch/version.py": (
            f"__version__ = '{spec.version}'\ndebug = False\ncuda = {cuda}\n"
            f"git_version = 'tsw0000000000000000000000000000000000000'\nhip = None\n"
        ).encode(),
        "torch/cuda/__init__.py": (
            "def is_available():\n    return False\n\n"
            "def device_count():\n    return 0\n\n"
            f"def get_arch_list():\n    return {arch}\n"
        ).encode(),
        "torch/backends/__init__.py": b"from torch.backends import cudnn\n",
        "torch/backends/cudnn/__init__.py": b"def version():\n    return None\n\ndef is_available():\n    return False\n",
    }


def _b64_sha256(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build_wheels(specs: list[WheelSpec], folder: Path) -> dict[str, Path]:
    """Build every wheel; returns filename → path."""
    folder.mkdir(parents=True, exist_ok=True)
    return {spec.filename: build_wheel(spec, folder) for spec in specs}


@dataclass
class _Fault:
    filename: str
    mode: str  # "close" | "stall"
    after_bytes: int
    skip: int = 0  # let this many downloads through first (pip < 25.3 downloads whole wheels in --dry-run)
    hits: int = 0


@dataclass
class LocalIndex:
    """A PEP 503 simple index over the given wheels, served from a thread. Use as a context manager."""

    specs: list[WheelSpec]
    folder: Path
    host: str = "127.0.0.1"
    port: int = 0
    requests: list[str] = field(default_factory=list)
    delay: float = 0.0  # seconds every index page waits before answering (a slow mirror)
    json_api: bool = False  # answer PEP 691 JSON to clients that ask for it (Accept header)
    basic_auth: tuple[str, str] | None = None  # (user, password) every request must carry (HTTP 401 otherwise)
    downloads: list[str] = field(default_factory=list)  # wheel files sent whole (GET), in order
    _fault: _Fault | None = None
    _server: http.server.ThreadingHTTPServer | None = None
    _release: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.files = build_wheels(self.specs, self.folder)

    def serve_also(self, spec: WheelSpec) -> None:
        """Add one wheel to a running index (a situation that needs an older build the standard set lacks)."""
        if spec.filename not in self.files:
            self.files[spec.filename] = build_wheel(spec, self.folder)
            self.specs.append(spec)

    # ------------------------------------------------------------------ URLs
    @property
    def root(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def simple_url(self) -> str:
        return f"{self.root}/simple"

    @property
    def torch_base(self) -> str:
        """Stands in for https://download.pytorch.org/whl."""
        return f"{self.root}/whl"

    # ------------------------------------------------------------------ faults
    def fail_download(self, filename: str, mode: str = "close", after_bytes: int = 700_000, skip: int = 0) -> None:
        """Downloads of filename (after the first ``skip``) send after_bytes, then close the connection or stall."""
        if mode not in ("close", "stall"):
            raise ValueError(mode)
        self._release.clear()
        self._fault = _Fault(filename, mode, after_bytes, skip)

    def heal(self) -> None:
        """Stop injecting faults and let stalled downloads end."""
        self._fault = None
        self._release.set()

    # ------------------------------------------------------------------ serving
    def start(self) -> LocalIndex:
        handler = _make_handler(self)
        self._server = _Server((self.host, self.port), handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, name="local-index", daemon=True).start()
        return self

    def stop(self) -> None:
        self.heal()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LocalIndex:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ pages
    def page(self, path: str) -> bytes | None:
        """HTML of an index page, or None when the path is not one."""
        parts = [p for p in path.split("/") if p]
        if parts[:1] == ["simple"]:
            return self._listing(parts[1:], variant=None)
        if parts[:1] == ["whl"] and len(parts) == 2 and parts[1] in {s.project for s in self.specs if s.variants}:
            return self._listing(parts[1:], variant=None)  # like download.pytorch.org/whl/torch/: every variant
        if parts[:1] == ["whl"] and len(parts) >= 2:
            return self._listing(parts[2:], variant=parts[1])
        return None

    def _visible(self, variant: str | None) -> list[WheelSpec]:
        return [s for s in self.specs if variant is None or not s.variants or variant in s.variants]

    def _listing(self, rest: list[str], variant: str | None) -> bytes | None:
        visible = self._visible(variant)
        if not rest:
            projects = sorted({s.project for s in visible})
            links = "".join(f'<a href="{p}/">{p}</a><br/>\n' for p in projects)
        elif len(rest) == 1:
            project = re.sub(r"[-_.]+", "-", rest[0]).lower()
            wheels = [s for s in visible if s.project == project]
            if not wheels:
                return None
            links = "".join(self._link(s) for s in wheels)
        else:
            return None
        return f"<!DOCTYPE html><html><body>\n{links}</body></html>\n".encode()


    def _link(self, spec: WheelSpec) -> str:
        # PEP 658/714: the metadata is served beside the wheel, so resolving (and --dry-run) need not download it.
        metadata = hashlib.sha256(self.metadata(spec.filename)).hexdigest()
        wheel = hashlib.sha256(self.files[spec.filename].read_bytes()).hexdigest()
        return (
            f'<a href="/files/{quote(spec.filename)}#sha256={wheel}" data-dist-info-metadata="sha256={metadata}"'
            f' data-core-metadata="sha256={metadata}">{spec.filename}</a><br/>\n'
        )

    def json_page(self, path: str) -> bytes | None:
        """The PEP 691 JSON form of a project page (None for other pages)."""
        parts = [p for p in path.split("/") if p]
        variant = parts[1] if parts[:1] == ["whl"] and len(parts) == 3 else None
        if variant is None and not (parts[:1] == ["simple"] and len(parts) == 2):
            return None
        project = re.sub(r"[-_.]+", "-", parts[-1]).lower()
        wheels = [s for s in self._visible(variant) if s.project == project]
        files = [{
            "filename": s.filename,
            "url": f"/files/{quote(s.filename)}",
            "hashes": {"sha256": hashlib.sha256(self.files[s.filename].read_bytes()).hexdigest()},
            "core-metadata": {"sha256": hashlib.sha256(self.metadata(s.filename)).hexdigest()},
        } for s in wheels]
        return json.dumps({"meta": {"api-version": "1.1"}, "name": project, "files": files}).encode()

    def metadata(self, filename: str) -> bytes:
        with zipfile.ZipFile(self.files[filename]) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            return archive.read(name)


def _make_handler(index: LocalIndex) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_: object) -> None:  # keep test output quiet
            pass

        def do_HEAD(self) -> None:  # noqa: N802 - http.server naming
            self._respond(send_body=False)

        def do_GET(self) -> None:  # noqa: N802
            self._respond(send_body=True)

        def _respond(self, send_body: bool) -> None:
            path = unquote(self.path.split("?", 1)[0].split("#", 1)[0])
            index.requests.append(path)
            if index.basic_auth is not None:
                wanted = "Basic " + base64.b64encode(":".join(index.basic_auth).encode()).decode()
                if self.headers.get("Authorization") != wanted:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="local index"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            if path.startswith("/files/"):
                self._send_file(path.removeprefix("/files/"), send_body)
                return
            if index.delay:
                time.sleep(index.delay)
            body = index.page(path)
            if body is None:
                self.send_error(404)
                return
            content_type = "text/html; charset=utf-8"
            as_json = index.json_page(path) if index.json_api and "+json" in self.headers.get("Accept", "") else None
            if as_json is not None:
                body, content_type = as_json, "application/vnd.pypi.simple.v1+json"
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def _send_file(self, filename: str, send_body: bool) -> None:
            if filename.endswith(".whl.metadata") and filename.removesuffix(".metadata") in index.files:
                body = index.metadata(filename.removesuffix(".metadata"))
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if send_body:
                    self.wfile.write(body)
                return
            path = index.files.get(filename)
            if path is None:
                self.send_error(404)
                return
            data = path.read_bytes()
            if send_body:
                index.downloads.append(filename)
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if not send_body:
                return
            fault = index._fault
            if fault is not None and fault.filename == filename:
                fault.hits += 1
            if fault is None or fault.filename != filename or fault.hits <= fault.skip:
                self._write_slowly(data)
                return
            self.wfile.write(data[: fault.after_bytes])
            self.wfile.flush()
            if fault.mode == "stall":
                index._release.wait(timeout=120)
            self.close_connection = True
            self.connection.shutdown(2)

        def _write_slowly(self, data: bytes) -> None:
            # A little pacing so a client sees several progress updates even on localhost.
            chunk = 256 * 1024
            for start in range(0, len(data), chunk):
                self.wfile.write(data[start : start + chunk])
                time.sleep(0.02)

    return Handler


def pip_env(base: dict[str, str] | None = None, **extra: str) -> dict[str, str]:
    """os.environ without any pip configuration of this machine, plus ``extra`` (e.g. PIP_INDEX_URL=...)."""
    env = {k: v for k, v in (os.environ if base is None else base).items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PIP_NO_CACHE_DIR"] = "1"  # every test downloads for real, so progress and faults are seen
    env.update(extra)
    return env

