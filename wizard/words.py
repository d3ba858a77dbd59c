"""The presentation words the CLI, the GUI and the reports share: step titles, severity words, verdicts.

One definition each, as keys of resources/texts/words.json, looked up in the user's language on use
(wizard.i18n). Core, no Qt.
"""

from __future__ import annotations

from wizard.findings import Severity, Step
from wizard.i18n import Words, text
from wizard.snapshot import TorchRuntime, is_xpu_build

STEP_TITLES = Words("step.{}.title", tuple(Step))
STEP_SUBTITLES = Words("step.{}.subtitle", tuple(Step))
STEP_CHECKING = Words("step.{}.checking", tuple(Step))
SEVERITY_WORDS = Words("severity.{}", tuple(Severity))


def step_page_title(step: Step) -> str:
    """ "Step 2 of 5 · CUDA toolkit": the number a helpdesk can name on a call."""
    steps = list(Step)
    return text("step.page_title", number=steps.index(step) + 1, total=len(steps), title=STEP_TITLES[step])


STATUS_MARKS = {"error": "✗", "warning": "!", "info": "i", "ok": "✓"}


def status_label(status: str, none_mark: str = "-") -> str:
    """'✗ Problem' for a step's worst severity value ('error' … 'ok'); '- n/a' for '' (no finding)."""
    if status in STATUS_MARKS:
        return f"{STATUS_MARKS[status]} {SEVERITY_WORDS[Severity(status)]}"
    return f"{none_mark} {text('severity.none')}"


def with_warnings(sentence: str, warnings: int) -> str:
    """'… (1 warning worth reading)' after a verdict sentence; the sentence alone without warnings."""
    if warnings <= 0:
        return sentence
    if warnings == 1:
        return text("verdict.with_one_warning", sentence=sentence)
    return text("verdict.with_warnings", sentence=sentence, count=warnings)


def torch_build_words(runtime: TorchRuntime) -> str:
    """ "CUDA 12.1 build", "ROCm build", "XPU build (Intel GPU)", "CPU-only build" for an imported torch."""
    if runtime.cuda:
        return text("plain.build.cuda", cuda=runtime.cuda)
    if runtime.hip:
        return text("plain.build.rocm")
    if is_xpu_build(runtime.version):
        return text("plain.build.xpu")
    return text("plain.build.cpu")


def torch_uses_gpu(runtime: TorchRuntime) -> bool:
    """Whether the imported torch reaches a GPU: CUDA (or ROCm through torch.cuda), or an Intel GPU through torch.xpu."""
    return runtime.cuda_available or runtime.xpu_available.value is True


__all__ = [
    "SEVERITY_WORDS", "STEP_CHECKING", "STEP_SUBTITLES", "STEP_TITLES", "status_label", "step_page_title", "text",
    "torch_build_words", "torch_uses_gpu", "with_warnings",
]
