"""goal_for_args(): --want, --torch-index and --profile into one Goal, through the real CLI parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.cli import UsageError, build_parser
from wizard.commands.common import goal_for_args

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "course-profile.toml"


def goal(tmp_path: Path, *argv: str, profile_text: str | None = None):
    if profile_text is not None:
        (tmp_path / "course.toml").write_text(profile_text, encoding="utf-8")
    return goal_for_args(build_parser().parse_args(["check", *argv]))


def test_without_a_profile_the_goal_is_the_flags(tmp_path):
    result = goal(tmp_path, "--want", "cpu", "--torch-index", "https://mirror.example.edu/whl")
    assert (result.want, result.torch_index, result.profile) == ("cpu", "https://mirror.example.edu/whl", None)


def test_the_example_profile_is_loaded(tmp_path):
    result = goal(tmp_path, "--profile", str(EXAMPLE))
    assert result.profile.name == "Deep Learning 101 (Winter 2026)" and result.want == "auto"


def test_the_course_cuda_policy_applies_unless_want_is_given(tmp_path):
    text = '[course]\nname = "GPU course"\n[torch]\ncuda = "required"\n'
    assert goal(tmp_path, "--profile", str(tmp_path / "course.toml"), profile_text=text).want == "cuda"
    assert goal(tmp_path, "--profile", str(tmp_path / "course.toml"), "--want", "cpu").want == "cpu"


def test_a_broken_profile_is_a_usage_error_naming_the_line(tmp_path):
    text = '[course]\nname = "x"\n\n[torch]\ncuda = "maybe"\n'
    with pytest.raises(UsageError, match=r"course\.toml, line 5: cuda = 'maybe' must be one of"):
        goal(tmp_path, "--profile", str(tmp_path / "course.toml"), profile_text=text)


def test_a_missing_profile_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="cannot read the course profile"):
        goal(tmp_path, "--profile", str(tmp_path / "nope.toml"))
