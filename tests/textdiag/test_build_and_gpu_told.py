"""Which build of torch and which GPU a text shows in the forms people answer with: a bare "2.1.2+cpu" line, conda-forge's
cpu build strings, "pip grabbed the non-cuda version", "my NVIDIA driver"; and a CUDA build's version alone says
nothing of whether CUDA was usable."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import errors_of, facts_of, findings_of
from wizard.findings import Severity


@pytest.mark.parametrize(("line", "version"), [("2.1.2+cpu", "2.1.2+cpu"), ("  '2.5.1+cu124'", "2.5.1+cu124"),
                                               ("2.3.0+rocm6.0", "2.3.0+rocm6.0")])
def test_a_line_holding_only_a_pytorch_index_version_is_the_torch_version(line: str, version: str) -> None:
    assert facts_of(f"which torch?\n{line}\n").get("torch_version") == version


@pytest.mark.parametrize("line", ["0.16.2+cpu",  # torchvision's numbers
                                  "the wheel 2.1.2+cpu is what pip offers",  # inside a sentence: not the answer
                                  "2.1.2"])  # no build suffix: any package's
def test_other_versions_or_a_version_inside_a_sentence_are_not_read_as_the_torch(line: str) -> None:
    assert "torch_version" not in facts_of(line)


@pytest.mark.parametrize("line", ["_pytorch            conda-forge/linux-64::pytorch-1.7.1-cpu_py38h36eccb8_2_",
                                  "pytorch                   1.7.1           cpu_py38h36eccb8_2    conda-forge"])
def test_conda_forges_cpu_build_string_of_pytorch_is_a_cpu_build(line: str) -> None:
    assert facts_of(line).get("conda_cpu_build") == "true"


def test_another_packages_cpu_build_string_is_not_torchs() -> None:
    assert "conda_cpu_build" not in facts_of("tensorflow                2.4.1           cpu_py38h1234567_0")


@pytest.mark.parametrize("said", ["pip searches PyPI first, grabbing the non-cuda pytorch version",
                                  "it fetched the cpu only version of torch", "uv picked up the CPU build"])
def test_a_cpu_build_told_with_other_verbs_of_getting_it(said: str) -> None:
    assert facts_of(said).get("torch_build_told") == "cpu"


@pytest.mark.parametrize(("said", "vendor"), [
    ("Fooocus fails to start with appropriate python and Nvidia driver version", "nvidia"),
    ("I updated the NVIDIA drivers yesterday", "nvidia"),
    ("nvidia driver is up to date", "nvidia"),
    ("Please install the latest NVIDIA driver", None),  # advice
    ("RuntimeError: Found no NVIDIA driver on your system", None),  # torch's message
    ("I do not have the latest nvidia driver", None),  # a denial
    ("If the nvidia driver is installed, it works", None),  # a condition
])
def test_an_nvidia_driver_the_person_has_tells_an_nvidia_gpu(said: str, vendor: str | None) -> None:
    assert facts_of(said).get("gpu_vendor") == vendor


def test_a_cpu_build_shown_beside_an_nvidia_driver_the_person_has_is_the_cpu_only_build() -> None:
    assert errors_of("torch import error with appropriate python and Nvidia driver version.\n\n2.1.2+cpu\n") == [
        "CPU_ONLY_WHEEL"]


def test_a_cuda_builds_version_and_a_working_driver_alone_claim_no_unusable_cuda() -> None:
    text = ("$ python -c 'import torch; print(torch.__version__)'\n2.5.1+cu124\n"
            "| NVIDIA-SMI 550.90.07              Driver Version: 550.90.07      CUDA Version: 12.4     |\n"
            "|   0  Tesla T4                       On  |   00000000:00:1E.0 Off |                    0 |\n")
    assert "TORCH_CUDA_UNAVAILABLE" not in errors_of(text)  # is_available() was never shown
    assert "TORCH_CUDA_UNAVAILABLE" in errors_of(text + ">>> torch.cuda.is_available()\nFalse\n")


@pytest.mark.parametrize("written", ["PyTorch 2.8.0 + cu129", "torch 2.8.0+cu129", "**Versions:** PyTorch 2.8.0 +cu129"])
def test_a_cuda_build_written_apart_or_in_bold_is_the_build_named(written: str) -> None:
    facts = facts_of(written)
    assert facts.get("torch_named") == "2.8.0+cu129" and facts.get("torch_variant") == "cu129"


def test_markdown_bold_around_a_template_field_leaves_the_field() -> None:
    assert facts_of("- **PyTorch Version**: 2.2.0+cu121\n").get("torch_version") == "2.2.0+cu121"


def test_a_named_cuda_build_without_kernels_for_the_named_gpu_is_the_cause() -> None:
    # (2.8.0's cu129 builds start at sm_70 on Linux and sm_75 on Windows: a Pascal GTX 1070 (6.1) has no kernels)
    text = "Setup: GTX 1070\nVersions: PyTorch 2.8.0 + cu129\nAt startup I get an incompatibility warning."
    first = next(f for f in findings_of(text) if f.severity is Severity.ERROR)
    assert first.code == "GPU_ARCH_UNSUPPORTED" and first.title.startswith("The PyTorch build the text names")


@pytest.mark.parametrize("text", [
    "Setup: GTX 1070\nVersions: PyTorch 2.8.0 + cu126\nAt startup I get an incompatibility warning.",  # (6.1 there)
    "Setup: RTX 4090\nVersions: PyTorch 2.8.0 + cu129\nAt startup I get an incompatibility warning.",
])
def test_a_named_build_that_has_the_gpus_kernels_is_not_that_cause(text: str) -> None:
    assert "GPU_ARCH_UNSUPPORTED" not in errors_of(text)


@pytest.mark.parametrize("text", [
    # (someone else's suggestion, the README's build beside the one kept, a story of an upgrade that worked,
    # is_available() False: a build without the GPU's kernels still finds the GPU)
    "GTX 1080 Ti, an error at startup. Someone in the replies said: try pip install torch==2.8.0+cu129. "
    "I haven't tried it yet.",
    "GTX 1070. The README installs PyTorch 2.8.0 + cu129 but I kept my torch 2.4.1 and it crashes at startup.",
    'GTX 1070: I had torch 2.5.1+cu124 which gave me "no kernel image", then I installed torch 2.7.0+cu128 and now it '
    "crashes elsewhere.",
    "GTX 1070, PyTorch 2.8.0 + cu129\nprint(torch.cuda.is_available())\nFalse",
])
def test_a_build_only_suggested_kept_apart_or_beside_cuda_unavailable_is_not_blamed(text: str) -> None:
    assert "GPU_ARCH_UNSUPPORTED" not in errors_of(text)


@pytest.mark.parametrize(("field", "key"), [("- **CUDA Version**: 12.8 (Driver 570.181)", "driver_cuda"),
                                           ("- CUDA Version: 11.8", "toolkit_version"),
                                           ("my cuda version is 12.1 and the driver is fine", "toolkit_version")])
def test_a_cuda_version_field_followed_by_the_driver_is_the_drivers(field: str, key: str) -> None:
    facts = facts_of(field)
    assert key in facts and ({"driver_cuda", "toolkit_version"} - {key}).isdisjoint(facts)


@pytest.mark.parametrize(("sentence", "named"), [("I use PyTorch 2.8.0 + cu128.", "2.8.0+cu128"),
                                                 ("my torch 2.1.", "2.1"), ("I use torch 2.8.0+cu128.", "2.8.0+cu128")])
def test_a_version_at_the_end_of_a_sentence_is_read_without_its_full_stop(sentence: str, named: str) -> None:
    assert facts_of(sentence).get("torch_named") == named


def test_an_old_cuda_build_shown_installed_that_predates_the_gpus_architecture_is_the_cause() -> None:
    # (1.10.2 is older than the knowledge's arch lists; CUDA 10.2 knows no Ampere: cuda_arch_floor.json)
    text = ("GPU: RTX 3090\nOS: Ubuntu 20.04\n"
            'cog run python -c "import torch; print(torch.__version__)" gives me "1.10.2+cu102" and I cannot use the GPU')
    first = next(f for f in findings_of(text) if f.severity is Severity.ERROR)
    assert first.code == "GPU_ARCH_UNSUPPORTED"


def test_an_old_cuda_build_new_enough_for_the_gpus_architecture_is_not_that_cause() -> None:
    text = ("GPU: RTX 3090\nOS: Ubuntu 20.04\n"
            'python -c "import torch; print(torch.__version__)" gives me "1.10.2+cu113" and I cannot use the GPU')
    assert "GPU_ARCH_UNSUPPORTED" not in errors_of(text)
