"""recommend() against a course profile: the course's torch range, Python range, CUDA policy and packages."""

from __future__ import annotations

import pytest

from tests.profile.machines import INDEX, PY, RTX_4070_580, course, installed, nvml, python_facts, snapshot
from wizard.findings import Goal
from wizard.recommend import PYPI_SIMPLE, recommend


@pytest.fixture(scope="module")
def kb(frozen_knowledge):
    return frozen_knowledge



# --------------------------------------------------------------------------- the course's ranges and packages


def test_example_course_on_a_gpu_machine_gets_the_matching_torchvision_and_numpy(kb):
    rec = recommend(snapshot(nvml_fact=RTX_4070_580), kb, Goal(profile=course()))
    assert (rec.kind, rec.torch, rec.variant, rec.torchvision) == ("install", "2.14.1", "cu130", "0.29.1")
    assert rec.argv == (PY, "-m", "pip", "install", "torch==2.14.1+cu130", "torchvision==0.29.1+cu130", "numpy>=1.26",
                        "--index-url", f"{INDEX}/cu130", "--extra-index-url", PYPI_SIMPLE)


def test_torch_range_picks_the_newest_release_inside_it(kb):
    rec = recommend(snapshot(nvml_fact=nvml("550.127.08", "NVIDIA GeForce RTX 4070", "8.9")), kb,
                    Goal(profile=course(torch="==2.4.*", packages=())))
    assert (rec.torch, rec.variant) == ("2.4.1", "cu121")  # 2.4's PyPI-default CUDA build
    assert rec.argv == (PY, "-m", "pip", "install", "torch==2.4.1+cu121", "--index-url", f"{INDEX}/cu121")


def test_torchaudio_wanted_limits_releases_to_those_that_still_ship_it(kb):
    profile = course(packages=(("torchaudio", ""),))
    rec = recommend(snapshot(nvml_fact=RTX_4070_580), kb, Goal(profile=profile))
    assert (rec.torch, rec.variant, rec.torchaudio) == ("2.11.0", "cu130", "2.11.0")
    assert "torchaudio==2.11.0+cu130" in rec.argv and "--extra-index-url" not in rec.argv


def test_installed_torch_outside_the_range_is_replaced_even_when_it_works(kb):
    python, torch = installed("2.3.0+cu121", cuda="12.1", available=True)
    rec = recommend(snapshot(python, nvml_fact=RTX_4070_580, torch=torch), kb, Goal(profile=course()))
    assert (rec.kind, rec.torch) == ("install", "2.14.1")


def test_working_install_inside_the_range_with_the_course_packages_needs_nothing(kb):
    python, torch = installed("2.13.0+cu130", cuda="13.0", available=True, torchvision="0.28.0+cu130", numpy="2.1.0")
    rec = recommend(snapshot(python, nvml_fact=RTX_4070_580, torch=torch), kb, Goal(profile=course()))
    assert rec.kind == "none" and "2.13.0" in rec.why


def test_working_install_missing_course_packages_keeps_torch_and_adds_them(kb):
    python, torch = installed("2.13.0+cpu", torchvision="0.27.0+cpu")  # torchvision of 2.12, no numpy
    rec = recommend(snapshot(python, torch=torch), kb, Goal(profile=course()))
    assert rec.argv == (PY, "-m", "pip", "install", "torch==2.13.0+cpu", "torchvision==0.28.0+cpu", "numpy>=1.26",
                        "--index-url", f"{INDEX}/cpu", "--extra-index-url", PYPI_SIMPLE)
    assert "this keeps it and adds torchvision, numpy" in rec.why


def test_a_range_no_known_release_meets_says_so(kb):
    rec = recommend(snapshot(nvml_fact=RTX_4070_580), kb, Goal(profile=course(torch=">=2.16")))
    assert rec.kind == "none" and not rec.argv
    assert "No PyTorch release the wizard knows fits Deep Learning 101" in rec.why
    assert "dl101-help@example.edu" in rec.why


def test_externally_managed_python_gets_the_course_packages_in_the_new_venv(kb):
    python = python_facts(externally_managed=True, executable="/usr/bin/python3", env_kind="system",
                          user_site="/home/ana/.local/lib/python3.11/site-packages", version="3.11.2")
    rec = recommend(snapshot(python, nvml_fact=RTX_4070_580), kb, Goal(profile=course()))
    assert rec.kind == "new_venv"
    assert rec.steps[0] == ("/usr/bin/python3", "-m", "venv", "/home/ana/torch-env")
    assert rec.steps[1][-5:] == ("numpy>=1.26", "--index-url", f"{INDEX}/cu130", "--extra-index-url", PYPI_SIMPLE)


# --------------------------------------------------------------------------- the course's Python


def test_python_outside_the_course_range_is_told_which_python_to_install(kb):
    rec = recommend(snapshot(python_facts("3.10.12")), kb, Goal(profile=course()))
    assert rec.kind == "python" and rec.url.startswith("https://www.python.org/")
    assert rec.why.startswith("Deep Learning 101 needs Python 3.11 or 3.12; this environment has Python 3.10.12.")
    assert "Install Python 3.12" in rec.why


def test_python_the_course_torch_range_does_not_support_names_one_that_fits_both(kb):
    profile = course(python="", torch="==2.4.*", packages=())
    rec = recommend(snapshot(python_facts("3.13.1")), kb, Goal(profile=profile))
    assert rec.kind == "python"
    assert "needs Python 3.8 to 3.12" in rec.why and "Install Python 3.12" in rec.why


def test_a_profile_whose_python_and_torch_ranges_never_meet_is_reported_as_the_profile_error(kb):
    profile = course(python=">=3.13", torch="==2.4.*", packages=())
    rec = recommend(snapshot(python_facts("3.13.1")), kb, Goal(profile=profile))
    assert rec.kind == "python" and "the course profile needs fixing" in rec.why


# --------------------------------------------------------------------------- cuda = "required" on machines that can't


def test_required_cuda_without_an_nvidia_gpu_installs_cpu_and_says_where_to_get_a_gpu(kb):
    rec = recommend(snapshot(), kb, Goal(want="cuda", profile=course("required")))
    assert (rec.kind, rec.variant) == ("install", "cpu")
    assert "No NVIDIA GPU was found" in rec.why
    assert "lab machines" in rec.why and "Google Colab" in rec.why and "dl101-help@example.edu" in rec.why


def test_required_cuda_without_gpu_but_a_working_cpu_torch_changes_nothing(kb):
    python, torch = installed("2.13.0+cpu", torchvision="0.28.0+cpu", numpy="2.1.0")
    rec = recommend(snapshot(python, torch=torch), kb, Goal(profile=course("required")))  # want "auto" → the course's
    assert rec.kind == "none" and not rec.argv
    assert "only on the CPU" in rec.why and "lab machines" in rec.why
    python, torch = installed("2.13.0+cpu")
    adding = recommend(snapshot(python, torch=torch), kb, Goal(profile=course("required")))
    assert adding.variant == "cpu" and "adds torchvision, numpy" in adding.why and "lab machines" in adding.why


def test_required_cuda_on_a_gpu_too_old_for_every_allowed_build(kb):
    rec = recommend(snapshot(nvml_fact=nvml("470.256.02", "NVIDIA GeForce GTX 780", "3.5")), kb,
                    Goal(profile=course("required")))
    assert rec.variant == "cpu"
    assert "too old" in rec.why and "Google Colab" in rec.why


def test_required_cuda_with_an_old_driver_on_a_new_gpu_says_update_the_driver(kb):
    rec = recommend(snapshot(nvml_fact=nvml("418.226.00", "NVIDIA GeForce RTX 4070", "8.9")), kb,
                    Goal(profile=course("required")))
    assert rec.kind == "install" and rec.variant.startswith("cu")
    assert "Update the NVIDIA driver first" in rec.why and "Colab" not in rec.why


def test_not_needed_cuda_gets_the_cpu_build_on_a_gpu_machine(kb):
    rec = recommend(snapshot(nvml_fact=RTX_4070_580), kb, Goal(profile=course("not_needed")))
    assert (rec.variant, rec.torch) == ("cpu", "2.14.1")
    assert "torchvision==0.29.1+cpu" in rec.argv


def test_an_explicit_want_beats_the_course_policy(kb):
    rec = recommend(snapshot(nvml_fact=RTX_4070_580), kb, Goal(want="cpu", profile=course("required")))
    assert rec.variant == "cpu" and "Colab" not in rec.why


def test_without_a_profile_nothing_changes(kb):
    plain = recommend(snapshot(nvml_fact=RTX_4070_580), kb, Goal())
    assert plain.argv == (PY, "-m", "pip", "install", "torch==2.14.1+cu130", "--index-url", f"{INDEX}/cu130")
