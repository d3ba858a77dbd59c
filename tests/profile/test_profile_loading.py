"""Course profiles: the documented example loads; each invalid file gets its message with the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.profile import ProfileError, load_profile, parse_profile

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "course-profile.toml"


def test_documented_example_loads() -> None:
    profile = load_profile(EXAMPLE)
    assert profile.name == "Deep Learning 101 (Winter 2026)"
    assert profile.cuda == "preferred" and profile.want == "auto"
    assert profile.torch_spec.contains("2.13.0") and not profile.torch_spec.contains("2.1.0")
    assert profile.python_spec.contains("3.12.1") and not profile.python_spec.contains("3.13.0")
    assert profile.package_spec("TorchVision") == "" and profile.package_spec("numpy") == ">=1.26"
    assert profile.min_gpu_memory_gb == 6.0 and profile.smoke_test == "gpu_matmul"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[course\nname='x'", "not valid TOML"),
        ("[course]\ncontact = 'a'\n", "line 1: [course] needs a name"),
        ("[course]\nname = 'x'\n[torch]\ncuda = 'maybe'\n", "line 4: cuda = 'maybe' must be one of required, preferred, not_needed"),
        ("[course]\nname = 'x'\n\n[torch]\nversion = '2.4+'\n", "line 5: '2.4+' is not a version range"),
        ("[course]\nname = 'x'\n[python]\nversions = 3.11\n", "line 4: 'versions' must be a string in quotes"),
        ("[course]\nname = 'x'\n[gpu]\nmodel = 'a'\n", "line 3: unknown section [gpu]"),
        ("[course]\nname = 'x'\nteacher = 'y'\n", "line 3: unknown key 'teacher' in [course]"),
        ("[course]\nname = 'x'\n[torch]\nmin_gpu_memory_gb = -2\n", "line 4: min_gpu_memory_gb must be a number"),
        ("[course]\nname = 'x'\n[packages]\nnumpy = 2\n", "line 4: the version of 'numpy' must be a string"),
        ("[course]\nname = 'x'\n[smoke_test]\nname = 'train_resnet'\n", "line 4: unknown smoke test 'train_resnet'"),
    ],
)
def test_invalid_profiles_name_the_line(text: str, message: str) -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile(text, "course.toml")
    assert str(info.value).startswith("course.toml")
    assert message in str(info.value)


def test_unreadable_file_is_a_profile_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="cannot read the course profile"):
        load_profile(tmp_path / "missing.toml")
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ProfileError):
        load_profile(binary)
