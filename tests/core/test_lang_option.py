"""--lang and TSW_LANG as a user meets them: `diagnose` speaks the chosen language end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.textdiag.corpus_io import CORPUS, read_corpus_file
from wizard import i18n

REPO = Path(__file__).resolve().parents[2]
DRIVER_TOO_OLD = read_corpus_file(next(CORPUS.glob("001-*.txt"))).text


def _wizard(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wizard", *argv], capture_output=True, cwd=REPO, timeout=120,
                          env=env, encoding="utf-8")


def _diagnose(paste: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return _wizard("diagnose", str(paste), *args, env=env)


@pytest.fixture
def paste(tmp_path: Path) -> Path:
    path = tmp_path / "paste.txt"
    path.write_text(DRIVER_TOO_OLD, encoding="utf-8")
    return path


@pytest.mark.parametrize("locale", ["de", "zh_CN", "es"])
def test_diagnose_speaks_the_language_given_with_lang(paste: Path, locale: str) -> None:
    result = _diagnose(paste, "--lang", locale)
    assert result.returncode == 1, result.stderr
    assert i18n.text("cli.recommendation", locale) in result.stdout
    assert i18n.text("DRIVER_TOO_OLD.pasted.title", locale) in result.stdout
    assert i18n.text("DRIVER_TOO_OLD.pasted.title", "en") not in result.stdout
    assert "found version 11040" in result.stdout  # the quoted evidence stays as the user pasted it
    headline = i18n.text("not_ready.headline", locale, title=i18n.text("DRIVER_TOO_OLD.pasted.title", locale))
    label = i18n.text("report.verdict_label", locale)
    assert f"{label}{i18n.after_label(label)}{headline}" in result.stdout  # the verdict too
    if locale == "zh_CN":
        assert f"{label}{headline}" in result.stdout  # full-width punctuation takes no space after it


def test_a_label_takes_a_space_after_it_unless_it_ends_in_full_width_punctuation() -> None:
    assert [i18n.after_label(label) for label in ("Verdict:", "Ergebnis:", "结论：", "判定：", "Résultat :")] == [
        " ", " ", "", "", " "]


def test_lang_before_the_command_works_too(paste: Path) -> None:
    result = _wizard("--lang", "fr", "diagnose", str(paste))
    assert result.returncode == 1 and i18n.text("cli.recommendation", "fr") in result.stdout


def test_tsw_lang_and_the_os_locale_choose_when_lang_is_absent(paste: Path) -> None:
    base = {k: v for k, v in os.environ.items() if k not in ("TSW_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    by_env = _diagnose(paste, env={**base, "TSW_LANG": "ja"})
    by_os = _diagnose(paste, env={**base, "LANG": "ko_KR.UTF-8"})
    assert i18n.text("DRIVER_TOO_OLD.pasted.title", "ja") in by_env.stdout
    assert i18n.text("DRIVER_TOO_OLD.pasted.title", "ko") in by_os.stdout


def test_an_unknown_language_is_one_clear_line(paste: Path) -> None:
    result = _diagnose(paste, "--lang", "tlh")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "torch-setup-wizard: unknown language 'tlh': use one of en, zh_CN, es, pt_BR, ja, ko, de, fr"
    ]


def test_json_output_stays_english_with_message_keys(paste: Path) -> None:
    report = json.loads(_diagnose(paste, "--json", "--lang", "de").stdout)
    first = report["findings"][0]
    assert first["title"] == i18n.text("DRIVER_TOO_OLD.pasted.title", "en")
    assert first["title_message"]["key"] == "DRIVER_TOO_OLD.pasted.title"


def _columns(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in line)


@pytest.mark.parametrize("locale", ["zh_CN", "ja", "ko", "de"])
def test_the_doctor_report_wraps_by_terminal_columns(locale: str) -> None:
    """A CJK character takes two columns: lines stay within 100 columns and no text is lost."""
    from wizard.commands.check import _wrap

    sentence = i18n.text("CUDA_VERSIONS.explanation", locale)
    lines = _wrap(sentence, "      ")
    assert len(lines) >= 3
    assert all(_columns(line) <= 101 for line in lines)  # one closing punctuation mark may hang over
    assert "".join(line.strip() for line in lines).replace(" ", "") == sentence.replace(" ", "")
    if locale == "ko":  # Korean breaks at spaces, never inside a word
        words = set(sentence.split())
        assert all(set(line.split()) <= words for line in lines)


def test_english_wraps_exactly_as_before() -> None:
    import textwrap

    from wizard.commands.check import _wrap

    sentence = i18n.text("CUDA_VERSIONS.explanation", "en")
    assert _wrap(sentence, "  ") == textwrap.wrap(sentence, width=100, initial_indent="  ", subsequent_indent="  ")


def test_help_usage_errors_and_version_speak_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    """--lang (before or after the command) already decides the --help text and the one-line usage error."""
    from wizard.cli import main

    try:
        with pytest.raises(SystemExit):
            main(["check", "--lang", "pseudo", "--help"])
        shown = capsys.readouterr().out
        assert i18n.text("help.json", "pseudo") in shown and i18n.text("help.json", "en") not in shown
        assert "--torch-index URL" in shown  # option names and metavars are never translated
        assert main(["--lang=pseudo", "check", "--bogus"]) == 2
        error = capsys.readouterr().err
        assert error.startswith("torch-setup-wizard: [") and "torch-setup-wizard --help" in error
        assert main(["--lang", "pseudo", "--version"]) == 0
        assert capsys.readouterr().out.startswith("[törçh-šétüp-wîžård ")
    finally:
        i18n.set_locale(i18n.SOURCE_LOCALE)


def test_a_missing_file_is_one_line_in_the_chosen_language(tmp_path: Path) -> None:
    result = _wizard("--lang", "pseudo", "diagnose", str(tmp_path / "no-such-report"))
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
