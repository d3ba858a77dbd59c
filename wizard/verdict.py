"""The honest verdict: ``ready`` only with evidence of a working setup, ``not_ready`` with the root cause,
``cannot_tell`` with the one question or command that would settle it.

Pure: a Snapshot and a Diagnosis in, a Verdict out. The CLI maps it to its exit status
(0 ready, 1 not_ready, 3 cannot_tell; 2 when the check could not run), the JSON report stores
its ``kind`` under ``verdict``, the GUI Summary shows its headline and question. Sentences come
from resources/texts/verdict.json.
"""

from __future__ import annotations

import enum
import json
import re
import string
from dataclasses import dataclass
from functools import cache, lru_cache

from wizard.evidence import (
    gpu_load_seen_in_task_manager,
    gpu_memory_exhausted,
    program_on_cpu_beside_working_cuda,
    working_only_told,
    working_shown,
    working_through_rocm,
)
from wizard.findings import Diagnosis, Goal, Severity
from wizard.plain_characters import plain_characters
from wizard.resources_path import resource
from wizard.snapshot import Snapshot

COLLECT_ENV_COMMAND = "python -m torch.utils.collect_env"
NVIDIA_SMI_COMMAND = "nvidia-smi"
COULD_NOT_RUN_CODES = frozenset({"COLLECTION_FAILED", "PYTHON_FACTS_MISSING"})
# Words that report a failure in pasted text, in the languages the catalogue covers; looked for as plain
# substrings of the lower-cased text (fast on megabytes). "could not collect" (collect_env's unknown) is no failure.
# A program that stops making progress ("it hangs", "gets stuck at 0%"): a failure told without an error.
_STALLED_WORDS = (" hangs", "gets stuck", "is stuck", "stuck at", " freezes")
_FAILURE_WORDS = (
    "traceback (most recent call last)", "error", "exception", "fail", "fatal", "crash", "unable to", "cannot ",
    "can't ", "couldn't", "not able to", "not found", "no module named", "segmentation fault", "core dumped",
    "doesn't work", "does not work", "not working", "won't ", "returns false", "returned false", "return false",
    "错误", "失败", "報錯", "报错", "エラー", "失敗", "오류", "실패", "fehler", "fehlgeschlagen", "erreur", "échec",
    "erro ", "falha", "falló", "fallo", "too old", "is insufficient", "cant ", "doesnt work", *_STALLED_WORDS,
)
# Words that report that something failed without being an error report: "get_device_name fails to identify the
# card", "the test won't finish". Beside a working setup shown in the same text they do not make it a failure report.
_SOFT_FAILURE_WORDS = ("fail", "won't ", *_STALLED_WORDS)
# Words that tell something does not work without reporting an error, and the failure words that do report one
_NOT_WORKING_WORDS = ("doesn't work", "does not work", "not working", "doesnt work", *_SOFT_FAILURE_WORDS)
_ERROR_REPORT_WORDS = tuple(word for word in _FAILURE_WORDS if word not in _NOT_WORKING_WORDS)
_COULD_NOT = re.compile(r"could not (?!collect)")
# a process the system killed, as the shells and tools report it: bash's "Killed" on a line of its own (and "line 3:
# 91234 Killed   python …" from a script), zsh's "zsh: killed  python …" and job line "[1]  48213 killed  python …",
# macOS's "Killed: 9", the kernel's OOM killer ("Killed process 14093", "oom-killer"), exit code 137 (SIGKILL); not
# "the engine process killed, not just the window" or "I killed python", which the person did
_KILLED_LINE = re.compile(
    r"^[ \t]{0,8}(?:\S{0,80}[$#] )?killed(?::[ \t]?9)?[ \t]*$"
    r"|(?:zsh: |^[ \t]{0,8}\[\d{1,5}\][ \t+-]{1,8}\d{1,8}[ \t]{1,8}|line \d{1,6}:[ \t]{1,4}\d{1,8}[ \t]{1,4})killed[ \t]{1,40}\S"
    r"|\b(?:gets?|got|was|were|been|being|is) killed by the (?:oom|kernel|system|os)\b|\boom[- ]killer\b"
    r"|\bkilled process \d|\bsignal 9: sigkill\b", re.MULTILINE)
# "is_available() returns False", or False printed on the next line of a REPL or notebook (after a blank line too:
# a code block's fence, gone in the cleaning, between the call and what it "shows")
_CUDA_FALSE = re.compile(r"is_available\(\)[^\n]{0,12}(?:(?:\n[ \t]{0,8}){1,2}(?:>>> ?)?(?:out\[\d{1,4}\]: ?)?)?[^\n]{0,30}?"
                         r"\bfalse\b")
# torch's autocast warning in a process that asked for CUDA and found none (torch/amp/autocast_mode.py: "User provided
# device_type of 'cuda', but CUDA is not available. Disabling"): is_available() was False where the program ran
_CUDA_UNAVAILABLE_IN_TORCH = "device_type of 'cuda', but cuda is not available"
FAILURE_SCAN_CHARS = 400_000  # head and tail examined for failure words


class VerdictKind(str, enum.Enum):
    READY = "ready"
    NOT_READY = "not_ready"
    CANNOT_TELL = "cannot_tell"
    COULD_NOT_RUN = "could_not_run"  # the CLI's exit 2; reports store "cannot_tell" for it

    @property
    def exit_code(self) -> int:
        return {"ready": 0, "not_ready": 1, "could_not_run": 2, "cannot_tell": 3}[self.value]

    @property
    def report_value(self) -> str:
        return "cannot_tell" if self is VerdictKind.COULD_NOT_RUN else self.value


@dataclass(frozen=True)
class Verdict:
    kind: VerdictKind
    key: str  # the text's key in resources/texts/verdict.json
    headline: str
    question: str = ""  # cannot_tell: what to do so the wizard can tell
    command: str = ""  # the command the question asks for, "" when it asks for a paste

    def to_data(self) -> dict[str, str]:
        return {"kind": self.kind.report_value, "key": self.key, "headline": self.headline, "question": self.question,
                "command": self.command}


def verdict_for(snapshot: Snapshot, diagnosis: Diagnosis, goal: Goal | None = None, text: str = "") -> Verdict:
    """The verdict for a live check or a pasted text (``text``: what was pasted, to see whether it reports a failure)."""
    goal = goal or Goal()
    errors = diagnosis.errors
    if any(f.code in COULD_NOT_RUN_CODES for f in errors):
        return _make(VerdictKind.COULD_NOT_RUN, "could_not_run")
    if errors:
        return _make(VerdictKind.NOT_READY, "not_ready", title=errors[0].title.rstrip("."))
    if snapshot.source != "text":
        if snapshot.torch.get() is None:
            return _make(VerdictKind.CANNOT_TELL, "cannot_tell.live", command="torch-setup-wizard check")
        return _ready(snapshot, goal) or _make(VerdictKind.READY, "ready.live")
    return _text_verdict(snapshot, goal, plain_characters(_scanned(text)))  # (as the engine read it: plain spaces)


FAILURE_SIGNATURE = "textdiag:failure_reported"  # evidence: the pasted text reports a failure


def failure_reported(snapshot: Snapshot) -> bool:
    """Whether the text snapshot records that the paste reported a failure (set by wizard.textdiag)."""
    return any(item.signature == FAILURE_SIGNATURE for item in snapshot.evidence)


def program_error_recorded(snapshot: Snapshot) -> bool:
    """Whether the text snapshot records that the paste showed the program's own error (see program_error_shown)."""
    return any(item.signature == FAILURE_SIGNATURE and ("program_error", "shown") in item.facts
               for item in snapshot.evidence)


def error_reported(snapshot: Snapshot) -> bool:
    """Whether the recorded failure is an error report (not only soft words such as "fails to identify")."""
    return any(item.signature == FAILURE_SIGNATURE and ("error", "reported") in item.facts for item in snapshot.evidence)


def _text_verdict(snapshot: Snapshot, goal: Goal, text: str) -> Verdict:
    runtime = snapshot.torch.get()
    working = working_shown(snapshot)
    cuda_expected = working not in ("mps", "xpu")  # (MPS or XPU working: is_available() False is the expected answer)
    failure = reports_failure(text, cuda_expected) or failure_reported(snapshot)
    if failure and working and not (reports_error(text, cuda_expected) or error_reported(snapshot)):
        failure = False  # a working setup shown, and nothing in the text is an error report
    # (CUDA shown working by a tool: is_available() True printed, collect_env or another tool's report, a tensor on
    # cuda, a trainer's device line; not only in words, "it ran on the GPU yesterday")
    shown_by_tool = (runtime is not None and runtime.cuda_available) or not working_only_told(snapshot)
    own_error = program_error_shown(text) if text else program_error_recorded(snapshot)  # (the GUI has no text)
    if failure and working == "cuda" and shown_by_tool and own_error:
        key = "ready.gpu_out_of_memory" if gpu_memory_exhausted(snapshot) else "ready.gpu_other_error"
        return _make(VerdictKind.READY, key, gpu=_gpu_label(snapshot))
    if failure and working == "cuda" and shown_by_tool and text and _no_error_and_no_setup_named(text):
        # (a tool shows CUDA working and the failure is told in words that name nothing of the setup: "the bounding box
        # prediction does not work"; the setup answered, the program is where to look)
        return _make(VerdictKind.READY, "ready.gpu_problem_elsewhere", gpu=_gpu_label(snapshot))
    if failure and working == "mps" and own_error:  # (an operator MPS lacks, or its memory: the program's, not the setup)
        return _make(VerdictKind.READY, "ready.mps_out_of_memory" if gpu_memory_exhausted(snapshot) else "ready.mps_other_error")
    if failure and working == "xpu" and own_error:
        key = "ready.gpu_out_of_memory" if gpu_memory_exhausted(snapshot) else "ready.gpu_other_error"
        return _make(VerdictKind.READY, key, gpu=_vendor_gpu_label("xpu"))
    if gpu_load_seen_in_task_manager(snapshot) and not working and (runtime is None or runtime.cuda_available is not False):
        return _make(VerdictKind.CANNOT_TELL, "cannot_tell.gpu_load_in_task_manager", command=NVIDIA_SMI_COMMAND)
    if failure:
        if runtime is not None and _gpu_facts_known(snapshot):
            return _make(VerdictKind.CANNOT_TELL, "cannot_tell.cut_error")
        return _make(VerdictKind.CANNOT_TELL, "cannot_tell.unplaced_failure", command=COLLECT_ENV_COMMAND)
    if working == "mps":
        return _make(VerdictKind.READY, "ready.mps")
    if working == "xpu":
        return _make(VerdictKind.READY, "ready.gpu", gpu=_vendor_gpu_label("xpu"))
    if runtime is None:
        if working == "cuda":
            if working_only_told(snapshot) and program_on_cpu_beside_working_cuda(snapshot):
                # (CUDA working told only in words, beside the program on the CPU: what works may be another Python)
                return _make(VerdictKind.CANNOT_TELL, "cannot_tell.unplaced_failure", command=COLLECT_ENV_COMMAND)
            return _ready_on_gpu(snapshot)
        return _make(VerdictKind.CANNOT_TELL, "cannot_tell.too_little", command=COLLECT_ENV_COMMAND)
    ready = _ready(snapshot, goal)
    if ready is not None:
        return ready
    if not _gpu_facts_known(snapshot):
        return _make(VerdictKind.CANNOT_TELL, "cannot_tell.no_gpu_facts", command=NVIDIA_SMI_COMMAND)
    return _make(VerdictKind.CANNOT_TELL, "cannot_tell.too_little", command=COLLECT_ENV_COMMAND)


def _ready(snapshot: Snapshot, goal: Goal) -> Verdict | None:
    runtime = snapshot.torch.get()
    if runtime is None:
        return None
    if runtime.cuda_available:
        return _ready_on_gpu(snapshot)
    if runtime.xpu_available.value is True and goal.want != "cuda":
        return _make(VerdictKind.READY, "ready.gpu", gpu=_vendor_gpu_label("xpu"))
    if goal.want == "cpu":
        return _make(VerdictKind.READY, "ready.cpu_wanted")
    if _no_nvidia_possible(snapshot):
        return _make(VerdictKind.READY, "ready.cpu")
    return None if snapshot.source == "text" else _make(VerdictKind.READY, "ready.live")


def _ready_on_gpu(snapshot: Snapshot) -> Verdict:
    """Ready on the GPU; where the text says the program runs on the CPU all the same, in words that say where to look."""
    key = "ready.gpu_program_on_cpu" if program_on_cpu_beside_working_cuda(snapshot) else "ready.gpu"
    return _make(VerdictKind.READY, key, gpu=_gpu_label(snapshot))


def reports_failure(text: str, cuda_false_counts: bool = True) -> bool:
    """Whether pasted text reports a failure (an error, a traceback, "doesn't work"), in any covered language.

    ``cuda_false_counts=False`` where CUDA is not expected at all (a Mac whose MPS works): there
    torch.cuda.is_available() printing False is how a healthy setup answers, not a failure."""
    return _reports(text, _FAILURE_WORDS, cuda_false_counts)


def reports_error(text: str, cuda_false_counts: bool = True) -> bool:
    """Whether pasted text reports an error: a failure word other than the soft ones ("fails to", "won't")."""
    return _reports(text, tuple(word for word in _FAILURE_WORDS if word not in _SOFT_FAILURE_WORDS), cuda_false_counts)


# Package-list lines ("[pip3] exceptiongroup==1.2.0", "pytest-rerunfailures==14.0") name packages, not failures.
_PACKAGE_LINE = re.compile(r"(?m)^[ \t]{0,8}(?:\[(?:pip3?|conda)\][^\n]{0,300}|[A-Za-z0-9_.\-]{1,80}==[^\s]{1,60})[ \t]*$")


def _reports(text: str, words: tuple[str, ...], cuda_false_counts: bool = True) -> bool:
    return bool(text) and _reports_in(_failure_scan(text), words, cuda_false_counts)


def _scanned(text: str) -> str:
    """The head and tail of a long text that the failure checks read."""
    return text if len(text) <= 2 * FAILURE_SCAN_CHARS else text[:FAILURE_SCAN_CHARS] + "\n" + text[-FAILURE_SCAN_CHARS:]


# An issue form's empty headings ("### Error traceback", "**Error logs**", "Error message / Output" once the Markdown
# marks are gone) are the template's, not a report; and an error denied ("no error", "without any errors") reports none.
_HEADING_WORD = (r"(?:full|the|any|relevant|console|error|errors|traceback|logs?|messages?|outputs?|stack|trace|details|"
                 r"screenshots?|and|or|if|of|&|/)[ \t]{0,4}")
# (however the text reached us: quoted "> ", indented, a log line's timestamp and level, a notebook's JSON string "…\n",
# a Windows line end)
_LINE_PREFIX = (r"[ \t>]{0,12}(?:\d{4}-\d\d-\d\d[ t][\d:,.]{5,15}[ \t]{1,4}(?:[a-z]{3,8}[ \t]{1,4})?)?[ \t>]{0,12}\"?")
_LINE_SUFFIX = r"(?:\\n)?\"?,?[ \t]*\r?$"
_TEMPLATE_HEADING = re.compile(
    rf"(?m)^{_LINE_PREFIX}(?:(?:#{{1,6}}[ \t]{{1,4}}|\*\*)[ \t]{{0,2}}(?:{_HEADING_WORD}){{1,8}}(?:\*\*)?"
    rf"|(?:{_HEADING_WORD}){{2,8}}):?{_LINE_SUFFIX}")  # (on lower-cased text)
# an error denied, in the languages read: each pattern starts at its literal word and looks behind for the denial (a
# regex of many alternatives tried at every position of a long paste would cost more than the rest of the reading), and
# runs only where its word occurs; only the error word goes, which is what the failure words would find
_ERROR_DENIALS = tuple((needle, re.compile(pattern)) for needle, pattern in (
    ("error", r"error(?:(?<=\bno error)|(?<=\bwithout error)|(?<=\bwithout any error)|(?<=\bzero error))s?\b"),
    ("fehler", r"fehler(?:(?<=\bohne fehler)|(?<=\bkeine fehler))\b"),
    ("erreur", r"erreurs?(?:(?<=\bsans erreur)|(?<=\bsans erreurs)|(?<=\baucune erreur))\b"),
    ("erro", r"erro(?:(?<=\bsem erro)s?\b|r(?<=\bsin error)(?:es)?\b)"),
    ("报错", r"报错(?:(?<=没有报错)|(?<=没报错)|(?<=无报错))"),
    ("错误", r"错误(?<=没有错误)"),
    ("エラー", r"エラー(?=なく|なし|は出ず|は出ません)"),
    ("오류", r"오류(?= 없이)"),
))


# TensorFlow's (and XLA's, in JAX) C++ log prefix: "W tensorflow/stream_executor/platform/default/dso_loader.cc:64]",
# "E external/xla/xla/stream_executor/cuda/cuda_dnn.cc:9261]": what such a line reports is that framework's own
# (a CUDA library it could not load), which says nothing of torch's (a notebook that imports both)
OTHER_FRAMEWORK_LOG = re.compile(r"\b[IWEF] ?(?:tensorflow|external/(?:local_)?xla|xla)/[\w/.-]{1,200}\.cc:\d{1,6}\]",
                                 re.IGNORECASE)
_OTHER_FRAMEWORK_SOURCE = re.compile(r"(?:tensorflow|xla)/[\w/.-]{1,200}\.cc:\d{1,6}\]")  # (its file:line, lower-cased)


def _without_other_frameworks_lines(lower: str) -> str:
    """The lower-cased text without the lines TensorFlow's or XLA's C++ logging printed (found by their source file)."""
    kept, last = [], 0
    for found in _OTHER_FRAMEWORK_SOURCE.finditer(lower):
        start = lower.rfind("\n", 0, found.start()) + 1
        if start < last:
            continue  # (a second match on a line already cut)
        end = lower.find("\n", found.end())
        kept.append(lower[last:start])
        last = len(lower) if end == -1 else end
    kept.append(lower[last:])
    return "".join(kept)


# a log record at warning level, however the text reached us (_LINE_PREFIX: quoted, indented, a log line's date and
# level, a notebook's JSON string), its own time first too ("18:55:10-746256 WARNING  No subdir found")
_WARNING_RECORD = re.compile(
    rf"(?m)^{_LINE_PREFIX}(?:\d\d:\d\d:\d\d(?:[.,-]\d{{1,6}})?[ \t]{{1,4}}(?:-[ \t]{{1,2}})?)?"
    r"(?:\[?warn(?:ing)?\]?[ :\]]|w\d{4} \d\d:\d\d:\d\d\.\d{1,6} {1,3}\d{1,8} "
    # torch's own C++ warnings (c10's logging): "[W NNPACK.cpp:64] …", "[W1016 11:28:34.389016046 socket.cpp:697] …"
    r"|\[w(?:\d{4} \d\d:\d\d:\d\d\.\d{1,9} (?:\d{1,8} )?)? ?[\w./\\-]{1,120}:\d{1,6}\] )"
    # (not one telling that CUDA or the GPU cannot be used: "WARNING Torch: CUDA is not available, running on CPU")
    r"(?![^\n]{0,300}?(?:(?:cuda|gpu)[^\n]{0,40}?(?:not available|unavailable|not found|not detected)"
    r"|(?:running|falling back|fall back|runs) (?:on|to) (?:the )?cpu|cuda (?:error|warning)))[^\n]{0,2000}$")


@lru_cache(maxsize=2)  # (the verdict and the text builder ask several times about the same text)
def _failure_scan(text: str) -> str:
    """What the failure checks read: the scanned text, lower-cased, without package-list lines, another framework's
    log lines, an issue form's headings, and errors denied (the headings' only failure words are "error" and
    "traceback")."""
    lower = _PACKAGE_LINE.sub("", _scanned(text)).lower()
    if "tensorflow/" in lower or "xla/" in lower:
        lower = _without_other_frameworks_lines(lower)
    if "error" in lower or "traceback" in lower:
        lower = _TEMPLATE_HEADING.sub("", lower)
    if "warn" in lower or "[w" in lower:
        lower = _WARNING_RECORD.sub("", lower)
    for needle, denial in _ERROR_DENIALS:
        if needle in lower:
            lower = denial.sub(" ", lower)
    return lower


def _killed(lower: str) -> bool:
    """A process the system killed (see _KILLED_LINE); the regex runs only where its words occur (a long log or random
    bytes without them cost nothing here)."""
    if "exit code 137" in lower:
        return True
    return "kill" in lower and _KILLED_LINE.search(lower) is not None


def _reports_in(lower: str, words: tuple[str, ...], cuda_false_counts: bool = True) -> bool:
    if any(word in lower for word in words):
        return True
    return (_COULD_NOT.search(lower) is not None or _killed(lower)
            or (cuda_false_counts and (_CUDA_FALSE.search(lower) is not None or _CUDA_UNAVAILABLE_IN_TORCH in lower)))


# What an error about the setup names: the GPU stack, torch and its companions, Python, the installers, the loaders,
# the OS's own failures. An error line naming none of these (a tokenizer not found, a value that does not unpack) is
# the program's own, beside a setup the same text shows working.
_SETUP_WORDS = (
    "cuda", "cudnn", "nvidia", "nvml", "nccl", "driver", "gpu", "device", "kernel", "sm_", "torch", "triton", "xformers",
    "numpy", "dll", ".so", "lib", "symbol", "glibc", "import", "module", "no such file", "not found", "python", "pip",
    "conda", "uv ", "install", "wheel", "version", "permission", "memory", "killed", "segmentation", "illegal",
    "core dumped", "ssl", "connection", "timed out", "timeout", "proxy", "network", "is_available",
    # CUDA's own libraries and AMD's stack, whose errors name only themselves ("cuFFT error: CUFFT_INTERNAL_ERROR")
    "cufft", "cublas", "cusparse", "cusolver", "curand", "nvrtc", "nvjitlink", "hip error", "hiperror", "hipblas",
    "miopen", "rocm",
    # Windows' and Python's own crashes and limits ("The paging file is too small", "Windows fatal exception: access
    # violation", "Fatal Python error")
    "winerror", "paging file", "access violation", "access is denied", "fatal exception", "fatal python error",
    # building or installing a companion ("Microsoft Visual C++ 14.0 or greater is required", "Ninja is required to load
    # C++ extensions", "No matching distribution found for flash-attn", "returned non-zero exit status 1")
    "visual c++", "build tools", "msvc", "compiler", "ninja", "nvcc", "gcc", "cmake", "extension", "distribution",
    "requirement", "exit status", "exit code", "flash", "bitsandbytes",
    # a kernel's check of the GPU's architecture ("Expected is_sm80 || is_sm90 to be true, but got false")
    "is_sm", "capability",
    "显卡", "驱动", "显存", "グラフィック", "ドライバ", "그래픽", "드라이버", "видеокарт", "драйвер",
)


# An exception with its message ("KeyError: 'model'", "gives 'RuntimeError: no tokenizer was found'"): the error itself
_EXCEPTION_SHOWN = re.compile(r"(?<![\w.])[A-Za-z_][\w.]{0,80}(?:Error|Exception): ")


def program_error_shown(text: str) -> bool:
    """Whether the text shows the error itself (an exception's line) and no line reporting a failure names anything of
    the setup: the program's own error. "It doesn't work" or "I get an error" alone shows no error to judge."""
    scanned = _scanned(text)
    shown = ("Error: " in scanned or "Exception: " in scanned) and _EXCEPTION_SHOWN.search(scanned) is not None
    shown = shown or (("total capac" in scanned or "exceed allowed memory" in scanned)
                      and _ALLOCATOR_MESSAGE.search(scanned) is not None)
    return shown and not failure_names_the_setup(text)


# CUDA's caching allocator's own message is the error itself even without its exception's name before it (pasted from
# the middle of the line): "CUDA out of memory. Tried to allocate 4.00 GiB (GPU 0; 10.73 GiB total capacity; …" (torch
# 1.x to 2.0), "… Tried to allocate 1.50 GiB. GPU 0 has a total capacity of 8.00 GiB of which …" (torch 2.1 on, whose
# first release spelled it "capacty"; c10/cuda/CUDACachingAllocator.cpp)
_ALLOCATOR_MESSAGE = re.compile(r"CUDA out of memory\. Tried to allocate [\d.]{1,12} ?[KMGTP]?i?B(?: \(GPU \d{1,2}; "
                                r"[\d.]{1,12} ?[KMGTP]?i?B total capacity|\. GPU \d{1,2} has a total capac(?:i)?ty)"
                                r"|Allocation on device \d{1,2} would exceed allowed memory\. \(out of memory\)", re.I)


# Errors of the program that name CUDA only because CUDA works: PyTorch's CUDA allocator out of memory ("CUDA out of
# memory. Tried to allocate 2.00 GiB": the allocator allocates only on a GPU CUDA reached), tensors left on two devices
# ("... at least two devices, cuda:0 and cpu!", "Input type (torch.cuda.FloatTensor) and weight type ..."), a kernel's own
# assert ("CUDA error: device-side assert triggered": the kernel ran), indices on another device than the tensor they
# index, accelerate's fp16 on an Apple GPU, an aten operator the MPS backend lacks. The program's size, code or
# configuration, not the setup: they count only beside CUDA (or MPS) a tool shows working. Each is cut out of its line
# before the rest of the line is read, with torch's advice under every CUDA error, so another error run onto the same
# line (a forum joins them) still names the setup.
# (ComfyUI logs a node's exception as "!!! Exception during processing !!! <message>", execution.py)
_EXCEPTION_NAME = r"(?:!!! exception during processing !!![ \t]{0,4}|[\w.]{0,60}(?:error|exception): )?"
# aten's message for tensors on two devices, lower-cased ("... but found at least two devices, cuda:0 and cpu!", and
# torch 2.x's "... but got index is on cuda:1, different from other tensors on cuda:0"); wizard.textdiag.evidence reads
# the same message as CUDA working where one device is CUDA's
TENSORS_ON_TWO_DEVICES = (
    r"expected all tensors to be on the same device, (?:but found at least two devices, (?:cuda:\d{1,2}|cpu) and "
    r"(?:cuda:\d{1,2}|cpu)!?|but got \w{1,40} is on (?:cuda:\d{1,2}|cpu), different from other tensors on "
    r"(?:cuda:\d{1,2}|cpu))")
_PROGRAM_ERROR_SPANS = re.compile("|".join((
    # (with the allocator's own account after it: "GPU 0 has a total capacity of 8.00 GiB of which 0 bytes is free.")
    _EXCEPTION_NAME + r"cuda out of memory\. tried to allocate [\d.]{1,12} ?[kmgtp]?i?b\.?"
    r"(?: ?gpu \d{1,2} has a total capac(?:i)?ty of [\d.]{1,12} ?[kmgtp]?i?b of which [\d.]{1,12} ?[kmgtp]?i?b is free\.?)?",
    _EXCEPTION_NAME + r"hip out of memory\. tried to allocate [\d.]{1,12} ?[kmgtp]?i?b\.?",
    _EXCEPTION_NAME + r"allocation on device \d{1,2} would exceed allowed memory\. \(out of memory\)",
    _EXCEPTION_NAME + r"xpu out of memory\. tried to allocate [\d.]{1,12} ?[kmgtp]?i?b\.?",
    _EXCEPTION_NAME + r"mps backend out of memory \(mps allocated: [^)\n]{0,160}\)\.?(?: tried to allocate [^\n]{0,300}?"
    r"\(may cause system failure\)\.?)?",
    r"^[ \t]{0,8}" + _EXCEPTION_NAME + r"cuda out of memory\.?[ \t]*$",  # (the message's start alone: a title)
    _EXCEPTION_NAME + TENSORS_ON_TWO_DEVICES,
    _EXCEPTION_NAME + r"input type \(torch\.cuda\.\w{1,20}tensor\) and weight type \(torch\.\w{1,20}tensor\) should be the same",
    _EXCEPTION_NAME + r"input type \(torch\.\w{1,20}tensor\) and weight type \(torch\.cuda\.\w{1,20}tensor\) should be the same",
    _EXCEPTION_NAME + r"expected object of device type cuda but got device type cpu for argument #\d{1,2} '\w{1,40}'",
    _EXCEPTION_NAME + r"input and parameter tensors are not at the same device, found input tensor at cpu and parameter "
    r"tensor at cuda:\d{1,2}",
    _EXCEPTION_NAME + r"(?:cuda error: )?device-side assert triggered",
    r"^[^\n]{0,400}?block: \[[\d,]{1,20}\], thread: \[[\d,]{1,20}\] assertion `[^`\n]{0,300}` failed\.?",
    _EXCEPTION_NAME + r"indices should be either on cpu or on the same device as the indexed tensor \(cpu\)",
    _EXCEPTION_NAME + r"(?:fp16|bf16) mixed precision requires a gpu \(not 'mps'\)\.?",
    _EXCEPTION_NAME + r"could not run 'aten::[\w.]{1,80}' with arguments from the '(?:sparse)?mps' backend\.?",
    r"cuda kernel errors might be asynchronously reported at some other api call,? so the stacktrace below might be "
    r"incorrect\.?",
)), re.MULTILINE)


# words one of those errors has (the cut runs only on a line that has one: a regex of many alternatives tried at every
# position of a long log would cost more than the rest of the reading)
_PROGRAM_ERROR_WORDS = ("out of memory", "two devices", "other tensors on", "weight type", "device type cuda", "parameter tensor",
                        "device-side assert", "assertion `", "indices should be", "mixed precision", "backend",
                        "asynchronously reported")


def _no_error_and_no_setup_named(text: str) -> bool:
    """The failure is told only as something not working ("the bounding boxes do not work", "it fails to converge"),
    with no error reported (an error told but not shown could be the setup's), no CUDA unavailable, and no line
    reporting it names anything of the setup."""
    return not _reports_in(_failure_scan(text), _ERROR_REPORT_WORDS) and not failure_names_the_setup(text)


def failure_names_the_setup(text: str) -> bool:
    """Whether a line of the text that reports a failure names anything of the setup (see _SETUP_WORDS), once the
    program's own errors on a working GPU are cut out of it."""
    return any(_names_the_setup(line) for line in _failure_scan(text).split("\n"))


def _names_the_setup(line: str) -> bool:
    if not _failure_with_setup_words(line):
        return False
    if line.rstrip().endswith(":") and not _ERROR_ON_THE_LINE.search(line) and not any(
            _failure_with_setup_words(clause) for clause in _CLAUSE_BREAK.split(line)):
        # ("on my Arc A770 with torch 2.7.1+xpu. 512 works, but 1024 fails:": the line introduces the error shown below
        # it, and no clause of it says the setup failed, as "the driver crashed and I got this error:" does)
        return False
    if ":" in line and "error" in line:
        line = _INTRODUCES_THE_ERROR.sub(" ", line)  # ("… with 1 gpu, i had the following error:": the error is below)
        if not _failure_with_setup_words(line):
            return False
    if any(word in line for word in _PROGRAM_ERROR_WORDS):
        return _failure_with_setup_words(_PROGRAM_ERROR_SPANS.sub(" ", line))
    return True


def _failure_with_setup_words(line: str) -> bool:
    return _reports_in(line, _FAILURE_WORDS) and any(word in line for word in _SETUP_WORDS)


# where a line's clauses part: a sentence's end, a semicolon, "but"
_CLAUSE_BREAK = re.compile(r"[.!?;](?:\s|$)|,?\s(?:but|however)\s")
# an exception's own message on the line ("RuntimeError: CUDA error: …:"), which a line ending in ":" can also be
_ERROR_ON_THE_LINE = re.compile(r"(?:error|exception|warning)\w{0,10}: \S")


# a sentence's end that introduces the error shown after it ("… i had the following error:", "and get this error:"): the
# failure it reports is that error, read on its own lines, not the words before it (also as a notebook's stored output
# line, ending in an escaped line break and the JSON string's quote)
_INTRODUCES_THE_ERROR = re.compile(r"\b(?:i\s|we\s)?(?:had|got|get|gets|getting|have|see|saw|receive[ds]?|encounter(?:ed)?"
                                   r"|run\sinto|ran\sinto)\s(?:the\s|a\s)?(?:following|this|an?|below)\s?"
                                   r"(?:error|exception|traceback)s?(?:\smessages?)?(?:\sbelow)?[ \t]*:(?:\\n)?[\"']?,?\s*$")


def _gpu_facts_known(snapshot: Snapshot) -> bool:
    return snapshot.gpu.nvml.get() is not None or _no_nvidia_possible(snapshot)


def _no_nvidia_possible(snapshot: Snapshot) -> bool:
    """macOS (no CUDA at all), or the GPU facts list GPUs and none is NVIDIA's."""
    host = snapshot.host.get()
    if host is not None and host.os == "darwin":
        return True
    nvml = snapshot.gpu.nvml.get()
    return nvml is not None and not nvml.gpus and not nvml.driver_version


def _vendor_gpu_label(stack: str) -> str:
    """ "Intel GPU (XPU)" (torch.xpu, not torch.cuda) or "AMD GPU (ROCm)" (a ROCm build answers torch.cuda's calls on an
    AMD GPU), in the user's language."""
    from wizard.i18n import text

    return text(f"phrase.gpu.{stack}")


def _gpu_label(snapshot: Snapshot) -> str:
    nvml = snapshot.gpu.nvml.get()
    if nvml is not None and nvml.gpus:
        return nvml.gpus[0].name
    runtime = snapshot.torch.get()
    if (runtime is not None and runtime.hip) or working_through_rocm(snapshot):
        return _vendor_gpu_label("rocm")
    return "NVIDIA GPU"


# ------------------------------------------------------------------ texts


@cache
def verdict_texts() -> dict[str, dict[str, str]]:
    data = json.loads(resource("texts", "verdict.json").read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if not key.startswith("_")}


def template_fields(template: str) -> set[str]:
    return {name for _literal, name, _spec, _conv in string.Formatter().parse(template) if name}


def _make(kind: VerdictKind, key: str, command: str = "", **fields: str) -> Verdict:
    """The verdict's sentences in the user's language (wizard.i18n; verdict.json is the English source)."""
    from wizard.i18n import text

    return Verdict(kind, key, text(f"{key}.headline", **fields), text(f"{key}.question", **fields), command)


def with_root_cause(verdict: Verdict, diagnosis: Diagnosis) -> Verdict:
    """A not-ready verdict naming the root cause as ``diagnosis`` words it (e.g. after rendering it in another
    language); any other verdict as it is."""
    if verdict.kind is not VerdictKind.NOT_READY or not diagnosis.errors:
        return verdict
    return _make(VerdictKind.NOT_READY, verdict.key, verdict.command, title=diagnosis.errors[0].title.rstrip("."))


def severity_counts(diagnosis: Diagnosis) -> tuple[int, int]:
    """(errors, warnings), for renderers that add the counts to the headline."""
    return len(diagnosis.errors), sum(1 for f in diagnosis.findings if f.severity is Severity.WARNING)
