"""Parse the output of ``python -m torch.utils.collect_env`` of every era (1.0 … 2.x).

The format is "Key: value" lines, a few of which continue on the next lines (the GPU list,
the cuDNN candidates, the CPU block, the "[pip3] …" / "[conda] …" library list). Old
versions print "Yes"/"No" and "[pip] numpy (1.15.4)"; new ones "True"/"False" and
"[pip3] numpy==1.26.1". Forum prose around the block and missing lines are fine: only the
keys found are reported, and "Could not collect", "N/A", "None" mean unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wizard.snapshot import Distribution

# Every key collect_env has printed, in any era. A line is a field only if its key is here.
KEYS = (
    "PyTorch version",
    "Is debug build",
    "CUDA used to build PyTorch",
    "ROCM used to build PyTorch",
    "OS",
    "GCC version",
    "Clang version",
    "CMake version",
    "Libc version",
    "Python version",
    "Python platform",
    "Is CUDA available",
    "CUDA runtime version",
    "CUDA_MODULE_LOADING set to",
    "GPU models and configuration",
    "Nvidia driver version",
    "cuDNN version",
    "Is XPU available",
    "HIP runtime version",
    "MIOpen runtime version",
    "Is XNNPACK available",
    "Caching allocator config",
    "Is MPS available",
    "CPU",
    "Versions of relevant libraries",
)
_KEY_LINE = re.compile(r"^[ \t]{0,8}(" + "|".join(re.escape(k) for k in KEYS) + r")[ \t]{0,40}:[ \t]{0,8}(.{0,2000})$")
UNKNOWN_VALUES = frozenset({"", "could not collect", "n/a", "na", "none", "no cuda", "unknown", "not available"})
# A field block ends at a line that starts like prose or another block; these continue one.
_CONTINUES = ("GPU models and configuration", "cuDNN version", "Versions of relevant libraries", "CPU")
_MIN_KEYS = 2  # fewer distinct keys than this is not a collect_env block ("OS: Windows" in prose)


@dataclass
class CollectEnv:
    fields: dict[str, str] = field(default_factory=dict)  # key → value of its first line
    lines: dict[str, list[str]] = field(default_factory=dict)  # key → continuation lines
    excerpts: dict[str, str] = field(default_factory=dict)  # key → the verbatim line(s)

    def value(self, key: str) -> str:
        """The field's value, "" when absent or one of the unknown spellings."""
        value = self.fields.get(key, "").strip()
        return "" if value.lower() in UNKNOWN_VALUES else value


def parse_collect_env(lines: list[str]) -> CollectEnv | None:
    """The collect_env fields found in the lines, or None when there is no such block."""
    env = CollectEnv()
    current = ""
    for line in lines:
        if not current and ":" not in line:
            continue  # (outside a block only a key line counts, and it has a colon)
        found = _KEY_LINE.match(line) if ":" in line else None
        if found and found.group(1) == "CPU" and found.group(2).strip():
            found = None  # collect_env prints "CPU:" alone, lscpu's lines under it; "CPU: Intel i9" is a system summary's
        if found and found.group(1) not in env.fields:
            current = found.group(1)
            env.fields[current] = found.group(2).strip()
            env.lines[current] = []
            env.excerpts[current] = line.strip()
            continue
        if current in _CONTINUES and _continues(current, line):
            env.lines[current].append(line.strip())
            env.excerpts[current] += "\n" + line.strip()
        elif line.strip() or current == "CPU":
            current = ""  # prose or another block; blank lines inside a paste do not end a block, except CPU's
    if len(env.fields) < _MIN_KEYS:
        return None
    return env


def _continues(key: str, line: str) -> bool:
    text = line.strip()
    if key == "GPU models and configuration":
        return bool(re.match(r"GPU \d{1,3}[: ]", text))
    if key == "cuDNN version":
        return bool(text) and ("cudnn" in text.lower() or text.lower().startswith("probably"))
    if key == "Versions of relevant libraries":
        return text.startswith("[")
    if key == "CPU":
        return bool(text)
    return False


# ------------------------------------------------------------------ field interpretation


_VERSION_TOKEN = re.compile(r"v?(\d{1,2}\.\d{1,3}(?:\.\d{1,3})?(?:(?:a|b|rc)\d{1,3}|\.post\d{1,3}|\.dev\d{1,10})*"
                            r"(?:\+[a-z0-9.]{1,20})?)(?![\w.])", re.I)


def version_token(value: str) -> str:
    """The version a field starts with, without what the person added after it ("1.9.0 (this problem can be
    reproduced in 1.8.1 as well)" → "1.9.0"); the value itself when it starts with no version."""
    found = _VERSION_TOKEN.match(value.strip())
    return found.group(1) if found else value


def boolean(value: str) -> str:
    """"Yes"/"True" → "true", "No"/"False" → "false", anything else → ""."""
    lowered = value.strip().lower()
    if lowered in ("yes", "true"):
        return "true"
    if lowered in ("no", "false"):
        return "false"
    return ""


def gpu_names(env: CollectEnv) -> list[str]:
    """GPU names from "GPU 0: NVIDIA GeForce RTX 3090" (on the key line or the next lines)."""
    candidates = [env.fields.get("GPU models and configuration", ""), *env.lines.get("GPU models and configuration", [])]
    names = []
    for text in candidates:
        found = re.match(r"\s{0,8}GPU \d{1,3}:\s{0,8}(.{1,200})", text)
        if found:
            names.append(strip_uuid(found.group(1)))
        elif text.strip() and text.strip().lower() not in UNKNOWN_VALUES and not names and text is candidates[0]:
            names.append(strip_uuid(text))  # very old format: just the name
    return [n for n in names if n]


def strip_uuid(name: str) -> str:
    return re.sub(r"\s{0,4}\(UUID: [^)]{0,80}\)", "", name).strip()


def cudnn_entries(env: CollectEnv) -> list[str]:
    """cuDNN library paths (or a bare version) listed by collect_env."""
    first = env.value("cuDNN version")
    entries = [] if not first or first.lower().startswith("probably") else [first]
    entries += [line for line in env.lines.get("cuDNN version", []) if not line.lower().startswith("probably")]
    return entries


def cudnn_version_of(path: str) -> str:
    """"libcudnn.so.8.9.5" → "8.9.5"; "cudnn64_8.dll" / "cudnn_ops_train64_8.dll" → "8"; "8.9.2" → "8.9.2"."""
    name = re.split(r"[\\/]", path.strip())[-1]
    found = re.search(r"\.so\.(\d{1,2}(?:\.\d{1,3}){0,3})$", name) or re.search(r"64_(\d{1,2})\.dll$", name, re.I)
    if found:
        return found.group(1)
    return name if re.fullmatch(r"\d{1,2}(?:\.\d{1,3}){0,3}", name) else ""


def python_version_and_bits(value: str) -> tuple[str, str, str]:
    """"3.10.12 (main, …) [GCC 11.4.0] (64-bit runtime)" → ("3.10.12", "64", "cpython")."""
    version = re.match(r"\s{0,4}(\d\.\d{1,2}(?:\.\d{1,3})?(?:[abc]|rc)?\d{0,2})", value)
    bits = re.search(r"\((32|64)-bit runtime\)", value)
    implementation = ""
    if "[pypy" in value.lower():
        implementation = "pypy"
    elif re.search(r"\[(?:GCC|MSC|Clang)", value):
        implementation = "cpython"
    return (version.group(1) if version else "", bits.group(1) if bits else "", implementation)


def os_facts(os_line: str, platform_line: str) -> dict[str, str]:
    """os, os_release, machine, kernel, libc and is_wsl from the "OS" and "Python platform" lines."""
    facts: dict[str, str] = {}
    lowered = f"{os_line} {platform_line}".lower()
    if "windows" in lowered:
        facts["os"] = "windows"
    elif "macos" in lowered or "mac os" in lowered or "darwin" in lowered or "mac osx" in lowered:
        facts["os"] = "darwin"
    elif "linux" in lowered or re.search(r"ubuntu|debian|centos|fedora|red hat|rocky|alma|arch|suse|mint", lowered):
        facts["os"] = "linux"
    release = re.sub(r"\s{0,4}\((?:x86_64|aarch64|arm64|amd64|i386|i686|ppc64le)\)\s{0,4}$", "", os_line.strip())
    if release and release.lower() not in UNKNOWN_VALUES:
        facts["os_release"] = release
    machine = re.search(r"(x86_64|amd64|aarch64|arm64|ppc64le|i686|i386)", lowered)
    if machine:
        facts["machine"] = {"amd64": "x86_64", "i686": "x86", "i386": "x86"}.get(machine.group(1), machine.group(1))
    elif "windows" in lowered and "amd64" not in lowered:
        pass  # "Windows-10-10.0.19045-SP0" does not say the machine
    kernel = re.match(r"Linux-(\d[^-\s]{0,40}(?:-[A-Za-z0-9_.+]{1,40}){0,4}?)-(?:x86_64|aarch64|ppc64le)", platform_line)
    if kernel:
        facts["kernel"] = kernel.group(1)
    if "microsoft" in lowered and "linux" in lowered or "wsl" in lowered:
        facts["is_wsl"] = "true"
    libc = re.search(r"with-(glibc|musl)(\d{1,2}\.\d{1,3})", platform_line)
    if libc:
        facts["libc"] = f"{libc.group(1)} {libc.group(2)}"
    return facts


def libc_from_field(value: str) -> str:
    """"glibc-2.35" → "glibc 2.35"."""
    found = re.match(r"\s{0,4}(glibc|musl)[- ](\d{1,2}\.\d{1,3})", value)
    return f"{found.group(1)} {found.group(2)}" if found else ""


def distributions(env: CollectEnv) -> list[Distribution]:
    """Distributions from "[pip3] torch==2.1.0+cu121", "[pip] numpy (1.15.4)" and "[conda] pytorch 2.1.0 …" lines."""
    pip: dict[str, Distribution] = {}
    conda: dict[str, Distribution] = {}
    for line in env.lines.get("Versions of relevant libraries", []):
        parsed = parse_library_line(line)
        if parsed is None:
            continue
        dist, from_conda = parsed
        (conda if from_conda else pip).setdefault(dist.name, dist)
    for name, dist in conda.items():  # pip's record wins for a package both list ("pypi_0 pypi")
        pip.setdefault(name, dist)
    return list(pip.values())


def parse_library_line(line: str) -> tuple[Distribution, bool] | None:
    found = re.match(r"\[(pip3?|conda)\]\s{1,8}(.{1,300})$", line.strip())
    if not found:
        return None
    tool, rest = found.group(1), found.group(2).strip()
    if rest.lower() in UNKNOWN_VALUES:
        return None
    if tool == "conda":
        parts = rest.split()
        if len(parts) < 2:
            return None
        name, version = canonical_name(parts[0]), parts[1]
        build = parts[2] if len(parts) > 2 else ""
        channel = parts[3] if len(parts) > 3 else ""
        installer = "pip" if channel == "pypi" or build.startswith("pypi") else "conda"
        requires = (f"conda-build {build}",) if build and installer == "conda" else ()
        return Distribution(name=name, version=version, installer=installer, requires=requires), True
    pinned = re.match(r"([A-Za-z0-9_.\-]{1,100})\s{0,4}(?:==|\()\s{0,4}([^\s)]{1,60})", rest)
    if not pinned:
        return None
    return Distribution(name=canonical_name(pinned.group(1)), version=pinned.group(2), installer="pip"), False


def canonical_name(name: str) -> str:
    """PEP 503 name; conda calls the torch package "pytorch"."""
    canonical = re.sub(r"[-_.]+", "-", name).lower()
    return "torch" if canonical == "pytorch" else canonical


def conda_build_cuda(build: str) -> str:
    """The CUDA of a conda pytorch build string: "py3.10_cuda12.1_cudnn8.9.2_0" → "12.1"; CPU → ""."""
    found = re.search(r"cuda(\d{1,2}\.\d{1,2})", build)
    return found.group(1) if found else ""
