"""Normalisation: the marks that forums, Markdown, loggers and terminals put around a message go."""

from __future__ import annotations

import json

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


def test_a_page_copied_with_its_odd_spaces_invisible_marks_and_character_references_reads_as_printed() -> None:
    raw = ("Traceback (most recent call last):\n  File &quot;x.py&quot;, line 1, in &lt;module&gt;\n"
           "RuntimeError:\u00a0Found\u202fno\u3000NVIDIA\u200b driver on your system &amp; more\ufeff")
    assert lines_of(raw)[1:] == ['  File "x.py", line 1, in <module>',
                                 "RuntimeError: Found no NVIDIA driver on your system & more"]


def test_a_bare_ampersand_and_an_unknown_reference_stay_a_known_one_is_decoded() -> None:
    assert lines_of("R&D uses torch &copy; &unknown; & co") == ["R&D uses torch © &unknown; & co"]
    assert lines_of("&emsp;&emsp;ubuntu 18.04.2") == ["ubuntu 18.04.2"]  # (an em space each: indentation)


def test_a_character_reference_cannot_bring_back_a_control_character() -> None:
    assert "\x1b" not in clean_text("a&#27;[31mred&#x1b;b").text


def test_a_paragraph_indented_as_a_markdown_code_block_loses_its_common_indentation_only() -> None:
    raw = "I ran this:\n\n    >>> import torch\n    >>> torch.cuda.is_available()\n    False\n\n" \
          "Traceback (most recent call last):\n  File \"a.py\", line 1\n    import torch\n"
    assert lines_of(raw) == ["I ran this:", "", "import torch", "torch.cuda.is_available()", "False", "",
                             "Traceback (most recent call last):", '  File "a.py", line 1', "    import torch", ""]


def test_inner_indentation_of_a_dedented_paragraph_stays_and_each_paragraph_is_dedented_alone() -> None:
    assert lines_of("  a\n      b\n\n   c\nd\n\n\t e") == ["a", "    b", "", "   c", "d", "", "e"]


def _cut(line: str, width: int) -> str:
    return "\n".join(line[i:i + width] for i in range(0, len(line), width))


def test_lines_a_console_cut_at_its_width_are_rejoined_without_a_space() -> None:
    message = ("OSError: [WinError 126] The specified module could not be found. Error loading "
               '"C:\\Users\\me\\venv\\lib\\site-packages\\torch\\lib\\fbgemm.dll" or one of its dependencies.')
    traceback = '  File "C:\\Users\\me\\venv\\lib\\site-packages\\torch\\__init__.py", line 141, in <module>'
    assert lines_of(_cut(traceback, 80) + "\n" + _cut(message, 80)) == [traceback, message]


def test_table_rows_and_lines_of_one_length_by_chance_stay_apart() -> None:
    smi = ("| NVIDIA-SMI 535.54.03              Driver Version: 535.54.03    CUDA Version: 12.2     |\n" * 3)
    conda = "nvidia-cublas-cu12        12.1.3.1                 pypi_0    pypi\n" * 3
    chance = ("llama3.2-1b-base gives 'RuntimeError: no tokenizer was found'\n"
              "Python platform: Linux-6.8.0-49-generic-x86_64-with-glibc2.39\nIs CUDA available: True")
    for text in (smi, conda, chance):
        assert lines_of(text) == text.split("\n")


def test_a_list_of_paths_of_one_length_is_not_a_consoles_cut_though_one_line_meets_a_letter() -> None:
    # collect_env's cuDNN candidates: six paths of one length ending where a word ends; the platform line of that length
    # by chance is followed by a line starting with a letter, which alone is no console's cut
    paths = "\n".join(f"/usr/local/cuda-11.4/targets/x86_64-linux/lib/libcudnn_{kind}.so.8"
                      for kind in ("adv_infer", "adv_train", "cnn_infer", "cnn_train", "ops_infer", "ops_train"))
    platform = "Python platform: Linux-5.4.0-80-generic-x86_64-with-debian-" + "x" * (len(paths.split("\n")[0]) - 59)
    text = f"{platform}\nIs CUDA available: True\ncuDNN version: Probably one of the following:\n{paths}"
    assert len(platform) == len(paths.split("\n")[0])
    assert lines_of(text) == text.split("\n")


def test_a_long_command_line_is_not_joined_to_the_code_or_output_after_it() -> None:
    raw = ("pip3 install torch torchvision torchaudio --index-url https://download.pytorch.org/whl/cpu\n"
           "print(torch.cuda.is_available())\n")
    assert lines_of(raw)[:2] == raw.split("\n")[:2]


def test_log_records_of_one_length_are_not_taken_for_a_consoles_cut_lines() -> None:
    records = [f"2024-05-01 12:00:{n:02d},123 INFO {field}" for n, field in enumerate(
        ("ROCM used to build PyTorch: N/A", "Python platform: Linux-6.2.0", "Is CUDA available: False", "", "OS: Ubuntu"))]
    records = [line.ljust(60) if line.strip().endswith(("N/A", "6.2.0", "False")) else line for line in records]
    cleaned = clean_text("\n".join(records)).text
    assert "ROCM used to build PyTorch: N/A\n" in cleaned and "Is CUDA available: False" in cleaned


def test_lines_wrapped_at_words_are_joined_with_a_space_not_taken_for_a_consoles_cut() -> None:
    import textwrap

    prose = ("Hi, thanks for your brilliant work. I configured the environment as introduced, but encountered the "
             "following error:\n\nNVIDIA A100-PCIE-40GB with CUDA capability sm_80 is not compatible with the current "
             "PyTorch installation.\nThe current PyTorch install supports CUDA capabilities sm_37 sm_50 sm_60 sm_70 sm_75.")
    wrapped = "\n".join("\n".join(textwrap.wrap(line, 76)) for line in prose.split("\n"))
    assert "is not compatible with the current PyTorch installation." in clean_text(wrapped).text


TRACEBACK = ('Traceback (most recent call last):\n  File "C:\\\\app\\\\main.py", line 3, in <module>\n'
             "    import torch\nOSError: [WinError 126] Error loading \"fbgemm.dll\" or one of its dependencies.\n")


@pytest.mark.parametrize("literal", [
    repr(TRACEBACK),  # Python's repr of a process's stderr
    "b" + repr(TRACEBACK),
    '{"detail": ' + json.dumps(TRACEBACK) + "}",  # a JSON record on one line
    # an .ipynb's output (and ComfyUI's error report): one JSON string per line, each ending in an escaped break
    '{\n "name": "stderr",\n "text": [\n' + ",\n".join("  " + json.dumps(line + "\n")
                                                      for line in TRACEBACK.rstrip("\n").split("\n")) + "\n ]\n}",
])
def test_string_literals_read_as_the_lines_they_stand_for(literal: str) -> None:
    lines = lines_of(literal)
    assert any("Traceback (most recent call last):" in line for line in lines)
    assert any(line.startswith("OSError: [WinError 126]") for line in lines)


def test_a_windows_path_with_backslash_n_in_an_ordinary_paste_stays() -> None:
    raw = "C:\\new\\nvidia\\notes\\run.py failed\nImportError: DLL load failed\nsecond line\nthird line\n"
    assert lines_of(raw)[0] == "C:\\new\\nvidia\\notes\\run.py failed"


def test_a_collect_env_whose_line_breaks_were_lost_reads_as_its_lines_again() -> None:
    joined = ("My setup: PyTorch version: 2.1.0+cu121 Is debug build: False CUDA used to build PyTorch: 12.1 ROCM used "
              "to build PyTorch: N/A OS: Ubuntu 22.04.3 LTS (x86_64) Python version: 3.10.12 Is CUDA available: True "
              "GPU models and configuration: GPU 0: NVIDIA A100 Nvidia driver version: 535.104 Versions of relevant "
              "libraries: [pip3] numpy==1.26.1 [pip3] torch==2.1.0")
    lines = lines_of(joined)
    assert "Is CUDA available: True" in lines and "[pip3] torch==2.1.0" in lines and lines[0] == "My setup:"


def test_a_sentence_naming_a_field_or_two_stays_one_line() -> None:
    sentence = ("I pasted the output above; PyTorch version: 2.1.0 and Python version: 3.10 are what the course asks "
                "for, but the notebook still says the kernel died when I import torch in the second cell of the lab.")
    assert lines_of(sentence) == [sentence]


def test_a_line_wrapped_after_a_quoted_name_is_joined_to_its_lower_case_rest() -> None:
    raw = ("ImportError: /lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.30'\n"
           "not found (required by /x/site-packages/torch/lib/libtorch_python.so)\n")
    assert "GLIBCXX_3.4.30' not found (required by" in clean_text(raw).text
    code = "parser.add_argument('--device', default='cuda', help='the device to run the model on')\nimport torch\n"
    assert clean_text(code).lines[:2] == code.split("\n")[:2]


def test_a_quote_mark_after_a_log_records_prefix_goes_too() -> None:
    raw = ("2024-05-01 12:00:01,123 INFO > Found GPU0 Tesla V100-SXM2-32GB which is of cuda capability 7.0.\n"
           "2024-05-01 12:00:02,123 INFO >     PyTorch no longer supports this GPU because it is too old.\n")
    assert lines_of(raw)[0].startswith("Found GPU0 Tesla V100")
