"""The pip output parser (pure) and the tracker that folds it into one progress state."""

from __future__ import annotations

import pytest

from wizard.actions.progress import ProgressTracker, parse_pip_line, parse_size, text_bar, wheel_name_version


@pytest.mark.parametrize(
    ("text", "expected"),
    [("190.2 MB", 190_200_000), ("601 kB", 601_000), ("123 bytes", 123), ("2.1 GB", 2_100_000_000), ("lots", 0), ("", 0)],
)
def test_parse_size(text: str, expected: int) -> None:
    assert parse_size(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://download.pytorch.org/whl/cu130/torch-2.13.0%2Bcu130-cp312-cp312-manylinux_2_28_x86_64.whl", ("torch", "2.13.0+cu130")),
        ("torch-2.13.0+cpu-cp311-cp311-win_amd64.whl", ("torch", "2.13.0+cpu")),
        ("nvidia_cudnn_cu13-9.13.0.50-py3-none-manylinux_2_27_x86_64.whl", ("nvidia-cudnn-cu13", "9.13.0.50")),
        ("https://files.pythonhosted.org/packages/aa/bb/numpy-1.26.4.tar.gz", ("numpy", "1.26.4")),
    ],
)
def test_wheel_name_version(url: str, expected: tuple[str, str]) -> None:
    assert wheel_name_version(url) == expected


def test_downloading_line_old_and_new_pip() -> None:
    event = parse_pip_line("  Downloading torch-2.13.0+cu130-cp312-cp312-manylinux_2_28_x86_64.whl (190.2 MB)")
    assert (event.kind, event.package, event.version, event.total) == ("download", "torch", "2.13.0+cu130", 190_200_000)
    assert event.text == "Downloading torch 2.13.0+cu130 (190.2 MB)…"
    by_url = parse_pip_line("  Downloading http://127.0.0.1:8080/files/torch-2.13.0%2Bcpu-py3-none-any.whl (2.2 MB)")
    assert (by_url.package, by_url.version, by_url.size_text) == ("torch", "2.13.0+cpu", "2.2 MB")


def test_other_lines() -> None:
    assert parse_pip_line("Progress 262144 of 2223424").current == 262144
    assert parse_pip_line("Installing collected packages: nvidia-cudnn-cu13, torch").kind == "installing"
    assert parse_pip_line("    Uninstalling torch-2.13.0+cpu:").text == "Removing torch 2.13.0+cpu…"
    assert parse_pip_line("Successfully installed torch-2.13.0+cu130").kind == "done"
    error = parse_pip_line("ERROR: No matching distribution found for torch==2.13.0+cu999")
    assert (error.kind, error.text) == ("error", "No matching distribution found for torch==2.13.0+cu999")
    assert parse_pip_line("     ━━━━━━━━━━━━━━━━ 2.2/2.2 MB 12.1 MB/s eta 0:00:00") is None
    assert parse_pip_line("Looking in indexes: https://download.pytorch.org/whl/cu130") is None


def test_tracker_raw_progress_per_file() -> None:
    tracker = ProgressTracker()
    tracker.feed("Collecting torch==2.13.0+cu130")
    assert tracker.state.fraction is None
    tracker.feed("  Downloading torch-2.13.0+cu130-py3-none-any.whl (2.0 MB)")
    assert tracker.feed("Progress 500000 of 2000000").fraction == pytest.approx(0.25)
    state = tracker.feed("Progress 2000000 of 2000000")
    assert state.fraction == pytest.approx(1.0) and state.stage.startswith("Downloading torch 2.13.0+cu130")
    state = tracker.feed("Installing collected packages: torch")
    assert state.fraction is None and state.stage == "Installing torch…" and state.downloaded_files == 1
    assert tracker.feed("Successfully installed torch-2.13.0+cu130").fraction == 1.0


def test_tracker_overall_with_planned_bytes_and_old_pip() -> None:
    tracker = ProgressTracker(planned_bytes=4_000_000)
    tracker.feed("  Downloading a-1-py3-none-any.whl (2.0 MB)")
    state = tracker.feed("  Downloading b-1-py3-none-any.whl (2.0 MB)")  # old pip: no Progress lines
    assert state.fraction == pytest.approx(0.5)
    assert tracker.feed("ERROR: something broke").error == "something broke"


def test_text_bar() -> None:
    tracker = ProgressTracker()
    tracker.feed("  Downloading torch-2.13.0+cpu-py3-none-any.whl (2.0 MB)")
    bar = text_bar(tracker.feed("Progress 1000000 of 2000000"), width=10)
    assert bar.startswith("[#####.....]") and "50%" in bar and "Downloading torch 2.13.0+cpu" in bar
