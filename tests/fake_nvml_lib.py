"""Build the fake libnvidia-ml.so.1 (tests/facts/fake_nvml/fake_nvml.c) and describe the GPUs it presents.

The real ``pynvml`` loads it through LD_LIBRARY_PATH, so any subprocess (``python -m wizard check``)
sees the driver and GPUs the test chooses::

    lib_dir = build_fake_nvml(tmp_path_factory.mktemp("nvml"), c_compiler)
    env = {**os.environ, **fake_nvml_env(lib_dir, "ok", [("NVIDIA GeForce RTX 4070", "8.9", 12282, 0x278610DE)])}

The environment protocol (scenarios, GPU spec format) is documented at the top of fake_nvml.c.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

FAKE_NVML_SOURCE = Path(__file__).resolve().parent / "facts" / "fake_nvml" / "fake_nvml.c"
LIBRARY_NAME = "libnvidia-ml.so.1"
SCENARIOS = ("ok", "driver_not_loaded", "no_permission", "rm_mismatch", "unknown", "gpu_lost", "hang")

GpuSpec = tuple[str, str, int, int]  # (name, compute capability "8.6", memory MiB, NVML pci device id 0x250310DE)


def build_fake_nvml(tmp_dir: Path, compiler: str, old_driver: bool = False) -> Path:
    """Compile the fake NVML into ``tmp_dir`` and return that folder (it holds libnvidia-ml.so.1).

    ``old_driver`` builds a library without nvmlSystemGetCudaDriverVersion_v2 and
    nvmlDeviceGetCudaComputeCapability, like a driver from before they existed.
    """
    tmp_dir = Path(tmp_dir)
    tmp_dir.mkdir(parents=True, exist_ok=True)
    argv = [compiler, "-shared", "-fPIC", "-O1", "-o", str(tmp_dir / LIBRARY_NAME), str(FAKE_NVML_SOURCE)]
    if old_driver:
        argv.insert(1, "-DFAKE_NVML_OLD_DRIVER")
    built = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    if built.returncode != 0:
        raise RuntimeError(f"compiling the fake NVML failed ({' '.join(argv)}):\n{built.stderr}")
    return tmp_dir


def format_gpus(gpus: Iterable[GpuSpec] | str) -> str:
    """FAKE_NVML_GPUS text for GPU tuples (a string passes through unchanged)."""
    if isinstance(gpus, str):
        return gpus
    return ";".join(f"{name}:{cc}:{memory_mib}:0x{pci_id:08X}" for name, cc, memory_mib, pci_id in gpus)


def fake_nvml_env(
    lib_dir: Path,
    scenario: str,
    gpus: Iterable[GpuSpec] | str,
    driver: str = "550.127.08",
    cuda: int = 12040,
) -> dict[str, str]:
    """Environment variables that make a new process load the fake NVML and see these GPUs.

    LD_LIBRARY_PATH is set to ``lib_dir`` alone; merge with care if the process needs more there.
    """
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown fake NVML scenario {scenario!r} (one of {', '.join(SCENARIOS)})")
    return {
        "LD_LIBRARY_PATH": str(lib_dir),
        "FAKE_NVML_SCENARIO": scenario,
        "FAKE_NVML_GPUS": format_gpus(gpus),
        "FAKE_NVML_DRIVER": driver,
        "FAKE_NVML_CUDA": str(cuda),
    }
