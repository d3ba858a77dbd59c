"""Stand-in PyTorch releases newer than the frozen knowledge (2.14.1), for local mirrors of download.pytorch.org.

Wheels carry real CPython/platform tags, so pip and the index reader select them exactly as they would the real
ones; they are small (the payload is a fake torch package, see tests/local_index.py).
"""

from __future__ import annotations

from tests.local_index import WheelSpec

NEW_RELEASES = {"2.16.0": "0.31.0", "2.17.0": "0.32.0"}  # torch → its torchvision
PYTHONS = ("cp310", "cp311", "cp312", "cp313")
CUDA = {"cu130": ("13.0", "nvidia-cuda-runtime-cu13==13.0.96"), "cu132": ("13.2", "nvidia-cuda-runtime-cu13==13.2.51")}
LINUX = "manylinux_2_28_x86_64"
SMALL = 2_000


def tag(python: str, platform: str = LINUX) -> str:
    return f"{python}-{python}-{platform}"


def release_wheels(
    torch: str,
    torchvision: str,
    variants: tuple[str, ...] = ("cpu", "cu130", "cu132"),
    pythons: tuple[str, ...] = PYTHONS,
    platform: str = LINUX,
    padding: int = SMALL,
) -> list[WheelSpec]:
    specs = []
    for variant in variants:
        cuda, runtime = CUDA.get(variant, (None, ""))
        for python in pythons:
            specs.append(WheelSpec("torch", f"{torch}+{variant}", requires=(runtime,) if runtime else (),
                                   torch_cuda=cuda, variants=(variant,), tag=tag(python, platform), padding=padding))
            specs.append(WheelSpec("torchvision", f"{torchvision}+{variant}", requires=(f"torch=={torch}",),
                                   variants=(variant,), tag=tag(python, platform), padding=SMALL))
    return specs


def plain_dependencies() -> list[WheelSpec]:
    return [
        WheelSpec("nvidia-cuda-runtime-cu13", "13.0.96", padding=SMALL),
        WheelSpec("nvidia-cuda-runtime-cu13", "13.2.51", padding=SMALL),
        WheelSpec("numpy", "2.1.0", padding=SMALL),
        WheelSpec("numpy", "1.26.4", padding=SMALL),
    ]


def newer_mirror(variants: tuple[str, ...] = ("cpu", "cu130", "cu132"), pythons: tuple[str, ...] = PYTHONS,
                 with_2_14_1: bool = True) -> list[WheelSpec]:
    """2.16.0 and 2.17.0 in the given variants for several Python tags, plus 2.14.1 (the frozen newest) in cpu."""
    specs = [spec for torch, vision in NEW_RELEASES.items() for spec in release_wheels(torch, vision, variants, pythons)]
    if with_2_14_1:
        specs += release_wheels("2.14.1", "0.29.1", ("cpu",), pythons)
    return specs + plain_dependencies()
