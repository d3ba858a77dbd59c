"""classify_text: one catalogue for pasted text, the live import classifier and a failed fix step's stderr."""

from __future__ import annotations

import pytest

from wizard.checks.import_errors import classify_import_failure
from wizard.textdiag.classify import TextCause, classify_text

IMPORT_TRACEBACKS = [
    ('OSError: [WinError 126] Das angegebene Modul wurde nicht gefunden. Error loading "C:\\v\\torch\\lib\\c10.dll" '
     "or one of its dependencies.", "VCREDIST_MISSING"),
    ("ImportError: libcudnn.so.9: cannot open shared object file: No such file or directory", "CUDA_LIB_MISSING"),
    ("ImportError: /usr/local/cuda/lib64/libcusparse.so.12: undefined symbol: __nvJitLinkAddData_12_1",
     "LIB_PATH_CONFLICT"),
    ("ImportError: /usr/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.30' not found (required by "
     "/v/torch/lib/libtorch_python.so)", "LIB_PATH_CONFLICT"),
    ("A module that was compiled using NumPy 1.x cannot be run in\nNumPy 2.0.0 as it may crash.", "NUMPY_ABI"),
    ("ImportError: DLL load failed while importing _C: 找不到指定的模块。", "VCREDIST_MISSING"),
]


@pytest.mark.parametrize(("traceback", "code"), IMPORT_TRACEBACKS)
def test_the_live_import_classifier_and_pasted_text_agree(traceback: str, code: str) -> None:
    assert classify_import_failure(traceback)[0] == code
    assert classify_text(traceback)[0].code == code


@pytest.mark.parametrize(
    ("stderr", "code"),
    [
        ("ERROR: Could not find a version that satisfies the requirement torch==2.9.0 (from versions: none)\n"
         "ERROR: No matching distribution found for torch==2.9.0", "PYTHON_UNSUPPORTED"),
        ("WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection "
         "broken by 'ProxyError('Cannot connect to proxy.', OSError(0, 'Error'))': /simple/torch/", "DISK_OR_NETWORK"),
        ("ERROR: Could not install packages due to an OSError: [Errno 28] No space left on device", "DISK_OR_NETWORK"),
        ("error: externally-managed-environment\n\n× This environment is externally managed", "EXTERNALLY_MANAGED"),
        ("ERROR: Could not install packages due to an OSError: [WinError 5] Access is denied: "
         "'C:\\Python311\\Lib\\site-packages\\torch\\lib\\c10.dll'", "DISK_OR_NETWORK"),
    ],
)
def test_a_failed_pip_steps_stderr_is_classified(stderr: str, code: str) -> None:
    causes = classify_text(stderr)
    assert causes and causes[0].code == code
    assert isinstance(causes[0], TextCause) and causes[0].excerpt and causes[0].signature


def test_causes_come_best_first_one_per_code() -> None:
    text = (
        "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n"
        "RuntimeError: No CUDA GPUs are available\n"
    )
    causes = classify_text(text)
    assert [c.code for c in causes][0] == "DRIVER_MISSING"
    assert len({c.code for c in causes}) == len(causes)
    assert all(a.score >= b.score for a, b in zip(causes, causes[1:]))


@pytest.mark.parametrize("junk", ["", "hello world", "\x00\x01\x02" * 5000, "Killed in action, said the novel."])
def test_nothing_recognised_is_an_empty_list(junk: str) -> None:
    assert classify_text(junk) == []
