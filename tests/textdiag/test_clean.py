"""Normalisation: the marks that forums, Markdown, loggers and terminals put around a message go."""

from __future__ import annotations

import pytest

from wizard.textdiag.clean import clean_text


def lines_of(raw: str) -> list[str]:
    return clean_text(raw).lines


def test_a_line_wrapped_mid_sentence_is_joined_to_the_line_it_continues() -> None:
    raw = (
        'OSError: [WinError 126] The specified module could not be found. Error loading "C:\\x\\fbgemm.dll" or one of its\n'
        "dependencies.\n"
    )
    assert lines_of(raw)[0].endswith("or one of its dependencies.")


def test_tables_tracebacks_and_collect_env_keep_their_lines() -> None:
    raw = (
        "torch                     2.1.0+cu121               pypi_0    pypi\n"
        "torchvision               0.16.0                    pypi_0    pypi\n"
        '  File "/home/u/.venv/lib/python3.11/site-packages/torch/__init__.py", line 235, in <module>\n'
        "    from torch._C import *\n"
        "PyTorch version: 2.1.0\n"
        "Is CUDA available: True\n"
    )
    assert len([line for line in lines_of(raw) if line]) == 6


def test_markdown_links_code_marks_fences_bullets_and_html_go() -> None:
    raw = "```python\n- `import torch` fails, see [this thread](https://example.org/t/1)<br>\n```\n"
    assert "import torch fails, see this thread" in lines_of(raw)


def test_log_prefixes_and_rich_frames_go() -> None:
    raw = (
        "21:43:05-106490 WARNING  Setup complete with errors: 17\n"
        "2024-05-01 12:00:03,123 - ERROR - RuntimeError: No CUDA GPUs are available\n"
        "│ C:\\automatic\\launch.py:274 in <module>                      │\n"
        "[rank0]: OSError: [WinError 1114] failed\n"
    )
    assert [line for line in lines_of(raw) if line] == [
        "Setup complete with errors: 17",
        "RuntimeError: No CUDA GPUs are available",
        "C:\\automatic\\launch.py:274 in <module>",
        "OSError: [WinError 1114] failed",
    ]


def test_quote_marks_of_mail_and_forums_go() -> None:
    assert lines_of("> > Is CUDA available: False") == ["Is CUDA available: False"]


def test_a_wrapped_exception_message_is_rejoined_even_before_a_capital() -> None:
    text = ("RuntimeError: Detected that PyTorch and torchvision were compiled with different\n"
            "CUDA versions. PyTorch has CUDA Version=11.7 and torchvision has CUDA\n"
            "Version=11.8. Please reinstall the torchvision that matches your PyTorch install.\n"
            "Next line stays.")
    lines = clean_text(text).lines
    assert lines[0].endswith("has CUDA Version=11.8. Please reinstall the torchvision that matches your PyTorch install.")
    assert lines[1] == "Next line stays."


def test_records_after_a_message_stay_on_their_own_lines() -> None:
    text = ("ImportError: cannot import name 'packaging' from 'pkg_resources' because it is missing here\n"
            '  File "/x/y.py", line 3, in <module>\n'
            "ValueError: something else happened in the second record of this traceback text\n"
            "2024-01-02 12:00:00 INFO Loading the model")
    lines = clean_text(text).lines
    assert lines[:3] == text.split("\n")[:3]
    assert lines[3] == "Loading the model"  # its log prefix stripped, still a line of its own


@pytest.mark.parametrize("record", [
    "ERROR: Exception in ASGI application while handling the request for the web ui.",
    "WARNING: The script uvicorn is installed in '/home/u/.local/bin' which is not on PATH.",
    "× Getting requirements to build wheel did not run successfully, exit code 1 was returned.",
])
def test_a_log_record_after_a_long_message_is_not_joined_to_it(record: str) -> None:
    message = "RuntimeError: Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and " \
              "installed a driver from http://www.nvidia.com/Download/index.aspx"
    assert clean_text(f"{message}\n{record}").lines == [message, record]
