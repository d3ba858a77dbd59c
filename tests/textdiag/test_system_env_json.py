"""torch.utils.collect_env's SystemEnv written as JSON (the Stable Diffusion web UI's sysinfo "Torch env info"): the
same facts as collect_env's own lines."""

from __future__ import annotations

from tests.textdiag.pasted import errors_of, facts_of

SYSINFO = """{
    "Platform": "Windows-10-10.0.22631-SP0",
    "Torch env info": {
        "torch_version": "2.2.0+cu121",
        "cuda_compiled_version": "12.1",
        "python_version": "3.10.6 (tags/v3.10.6:9c7b4bd, Aug  1 2022, 21:53:49) [MSC v.1932 64 bit (AMD64)] (64-bit runtime)",
        "is_cuda_available": "%s",
        "nvidia_driver_version": %s,
        "nvidia_gpu_models": %s,
        "cudnn_version": null
    }
}"""


def test_the_fields_are_read_as_collect_env_facts() -> None:
    facts = facts_of(SYSINFO % ("True", '"551.23"', '"GPU 0: NVIDIA GeForce RTX 3060"'))
    assert facts["torch_version"] == "2.2.0+cu121"
    assert facts["cuda_available"] == "true"
    assert facts["driver_version"] == "551.23"
    assert facts["gpu_name"] == "NVIDIA GeForce RTX 3060"
    assert facts["python_version"] == "3.10"


def test_the_first_of_several_gpus_is_read_without_the_next() -> None:
    facts = facts_of(SYSINFO % ("True", '"551.23"', '"GPU 0: NVIDIA GeForce RTX 3090\\nGPU 1: NVIDIA GeForce RTX 3060"'))
    assert facts["gpu_name"] == "NVIDIA GeForce RTX 3090"


def test_nulls_say_nothing() -> None:
    facts = facts_of(SYSINFO % ("False", "null", "null"))
    assert facts["cuda_available"] == "false"
    assert "driver_version" not in facts and "gpu_name" not in facts


def test_an_amd_gpu_told_beside_a_cuda_build_that_reports_false_is_no_nvidia_gpu() -> None:
    # the DirectML fork named in the paths is not what ran: the torch shown is a CUDA build
    text = ("[Bug]: webui fails looking for an NVIDIA GPU when I have an AMD GPU\n"
            '"Script path": "E:\\\\SD\\\\stable-diffusion-webui-directml",\n' + SYSINFO % ("False", "null", "null"))
    assert errors_of(text)[:1] == ["NO_NVIDIA_GPU"]
