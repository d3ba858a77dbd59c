"""An interpreter named with --python is described like the discovered ones (version, torch)."""

from __future__ import annotations

from wizard.facts.discover import describe_interpreter


def test_a_chosen_venv_is_described_with_version_and_torch(torch_python: str) -> None:
    choice = describe_interpreter(torch_python)
    assert choice.version.startswith("3.") and choice.has_torch is True
    assert choice.torch_version.startswith("2.13.0") and "torch 2.13.0" in choice.label


def test_a_broken_choice_says_why(tmp_path) -> None:
    choice = describe_interpreter(str(tmp_path / "nope" / "python"))
    assert choice.version == "" and choice.has_torch is None and "could not ask it" in choice.label
