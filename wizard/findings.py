"""What the checks say: findings, their severities, steps and actions (all plain data)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from wizard.messages import Message, Param  # noqa: F401 - re-exported: readers import them from here

# The codes of the diagnosis-codes spec (../shared/spec/diagnosis-codes.md), in its order. Codes the project
# added are documented in docs/diagnosis-codes.md; none of these is ever renamed.
SPEC_CODES = (
    "NO_NVIDIA_GPU",
    "DRIVER_MISSING",
    "DRIVER_TOO_OLD",
    "WSL_DRIVER",
    "CUDA_LIB_MISSING",
    "LIB_PATH_CONFLICT",
    "CUDNN_MISMATCH",
    "PYTHON_UNSUPPORTED",
    "PLATFORM_UNSUPPORTED",
    "ENV_MISMATCH",
    "NUMPY_ABI",
    "VCREDIST_MISSING",
    "EXTERNALLY_MANAGED",
    "DISK_OR_NETWORK",
    "CPU_ONLY_WHEEL",
    "GPU_ARCH_UNSUPPORTED",
    "PACKAGE_CONFLICT",
    "TORCH_MISSING",
    "INDEX_VARIANT_MISSING",
    "VISIBLE_DEVICES_MASK",
)


class Severity(str, enum.Enum):
    ERROR = "error"  # PyTorch cannot do what the user wants until this is fixed
    WARNING = "warning"  # works now but will bite
    INFO = "info"  # a fact worth knowing
    OK = "ok"  # the check passed

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2, Severity.OK: 3}


class Step(str, enum.Enum):
    DRIVER = "driver"
    TOOLKIT = "toolkit"
    CUDNN = "cudnn"
    PYTHON = "python"
    WHEEL = "wheel"

    @property
    def order(self) -> int:
        return list(Step).index(self)


class ActionKind(str, enum.Enum):
    OPEN_URL = "open_url"
    COPY = "copy"
    RUN = "run"


@dataclass(frozen=True)
class Action:
    """Something the user can do about a finding. Only wizard.actions executes RUN actions."""

    kind: ActionKind
    label: str
    url: str = ""  # OPEN_URL: must be on the allow-list (wizard.actions.urls)
    text: str = ""  # COPY: the text to put on the clipboard
    argv: tuple[str, ...] = ()  # RUN: the exact command, never a shell string
    label_message: Message | None = None  # catalog key + params of label (None: a label not from the catalogs)

    def __post_init__(self) -> None:
        _keep_messages(self, "label", "label_message", single=True)
        if self.label_message is None and self.label:
            from wizard.i18n import label_message  # i18n imports this module: look up on use

            object.__setattr__(self, "label_message", label_message(self.label))

    @classmethod
    def open_url(cls, label: str, url: str) -> Action:
        return cls(ActionKind.OPEN_URL, label, url=url)

    @classmethod
    def copy(cls, label: str, text: str) -> Action:
        return cls(ActionKind.COPY, label, text=text)

    @classmethod
    def run(cls, label: str, argv: tuple[str, ...] | list[str]) -> Action:
        return cls(ActionKind.RUN, label, argv=tuple(argv))


@dataclass(frozen=True)
class Remedy:
    """What repairs the cause of a finding, as data: pip steps the fix session can run (each approved by
    wizard.actions.policy before it runs), or instructions for what no pip command can fix."""

    steps: tuple[tuple[str, ...], ...] = ()  # argvs in order; () = instructions only
    instructions: str = ""  # what the user does by hand (rename a file, unset a variable, ...)
    version_change: str = ""  # "" = keeps every installed version; otherwise says which version changes and why
    note: str = ""  # one line shown with the plan (e.g. "reinstalls the same torch 2.13.0+cpu")

    @property
    def runnable(self) -> bool:
        return bool(self.steps)


@dataclass(frozen=True)
class Finding:
    code: str  # stable UPPER_SNAKE code, see docs/diagnosis-codes.md
    severity: Severity
    step: Step
    title: str  # a sentence a first-year student understands
    explanation: str  # two to four sentences: what is wrong, why it matters, what to do
    details: str = ""  # technical facts behind it (versions, paths, tracebacks)
    actions: tuple[Action, ...] = ()
    evidence: tuple[str, ...] = ()  # verbatim excerpts of pasted text that led here
    caused_by: str = ""  # code of the root cause this finding is a symptom of, if any
    remedy: Remedy | None = None  # what repairs the cause (wizard.checks.remedies), None when none is known
    title_message: Message | None = None  # catalog key + params of title (None: text not from the catalogs)
    explanation_message: Message | None = None


POSSIBLE_CAUSE_KEY = "POSSIBLE_CAUSE"  # the catalog text of a cause pasted text supports but does not establish


def is_possible_cause(item: Finding) -> bool:
    """A warning naming a cause the text only made possible: it has no remedy and no fix runs for it."""
    return item.title_message is not None and item.title_message.key.startswith(
        (f"{POSSIBLE_CAUSE_KEY}.", f"{POSSIBLE_CAUSE_KEY}_OF."))


@dataclass(frozen=True)
class Recommendation:
    """The torch build that fits this machine, as an exact command."""

    kind: str  # "install" | "new_venv" | "python" (install a supported Python) | "none" (nothing to do)
    why: str  # one line
    torch: str = ""  # "2.13.0"
    torchvision: str = ""
    torchaudio: str = ""
    variant: str = ""  # "cu130" | "cu126" | "cpu" | "rocm7.2"
    index_url: str = ""
    argv: tuple[str, ...] = ()  # the pip command (kind == "install") or the venv-creating steps' last one
    steps: tuple[tuple[str, ...], ...] = ()  # kind == "new_venv": every argv in order
    url: str = ""  # kind == "python": where to get a supported Python
    needs_driver: str = ""  # the command's build needs this NVIDIA driver first ("580"); "" = the driver runs it
    keeps: str = ""  # kind == "none" because the installed torch ("2.13.0+cpu") is the right build: keep it
    why_messages: tuple[Message, ...] = ()  # the sentences of why as catalog messages (rendered and joined by spaces)

    def __post_init__(self) -> None:
        _keep_messages(self, "why", "why_messages", single=False)


def _keep_messages(obj: object, text_field: str, message_field: str, single: bool) -> None:
    """A text rendered from the catalogs (wizard.i18n.RenderedText) brings its messages along, so the reader of a
    report renders them in their own language; plain text keeps what was given (a report's stored messages)."""
    messages = getattr(getattr(obj, text_field), "messages", ())
    if messages and (len(messages) == 1 or not single):
        object.__setattr__(obj, message_field, messages[0] if single else tuple(messages))


@dataclass(frozen=True)
class Goal:
    """What the user needs."""

    want: str = "auto"  # "auto" | "cuda" | "cpu"
    torch_index: str = "https://download.pytorch.org/whl"  # base of every PyTorch index URL
    profile: object | None = field(default=None, compare=False)  # a course profile (classroom issue)


@dataclass(frozen=True)
class Diagnosis:
    findings: tuple[Finding, ...]  # root cause first, ok findings last
    recommendation: Recommendation

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def for_step(self, step: Step) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.step is step)
