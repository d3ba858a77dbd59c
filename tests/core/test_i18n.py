"""wizard.i18n: choosing the language, rendering catalog texts, and findings that a reader renders
in their own language from the codes and parameters a report stores."""

from __future__ import annotations

import json
from functools import cache

import pytest

from tests.checks.test_scenarios import SCENARIOS, load
from wizard import i18n
from wizard.engine import diagnose
from wizard.findings import Message, Param
from wizard.knowledge import load_knowledge
from wizard.report.json_report import load_report, report_json

TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.SOURCE_LOCALE]


def _diagnosed(name: str):
    path = next(p for p in SCENARIOS if p.stem == name)
    _data, snapshot, goal = load(path)
    return snapshot, diagnose(snapshot, load_knowledge(), goal)


# --------------------------------------------------------------------------- choosing the language


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("de_DE.UTF-8", "de"),
        ("de-AT", "de"),
        ("zh_CN.GB18030", "zh_CN"),
        ("zh-Hans-CN", "zh_CN"),
        ("zh_TW.UTF-8", "zh_CN"),
        ("pt_BR.UTF-8", "pt_BR"),
        ("pt_PT", "pt_BR"),
        ("ja_JP.eucJP", "ja"),
        ("ko_KR.UTF-8", "ko"),
        ("fr_CA@euro", "fr"),
        ("es_MX", "es"),
        ("en_GB.UTF-8", "en"),
        ("PSEUDO", "pseudo"),
        ("C.UTF-8", None),
        ("POSIX", None),
        ("ru_RU.UTF-8", None),
        ("", None),
        (None, None),
    ],
)
def test_locale_names_map_to_shipped_languages(raw: str | None, expected: str | None) -> None:
    assert i18n.normalize_locale(raw) == expected


def test_the_os_locale_follows_gettexts_variables_in_order() -> None:
    assert i18n.os_locale({"LANGUAGE": "ru:ja:en", "LANG": "de_DE.UTF-8"}, "linux") == "ja"
    assert i18n.os_locale({"LC_ALL": "fr_FR.UTF-8", "LC_MESSAGES": "de_DE", "LANG": "es_ES"}, "linux") == "fr"
    assert i18n.os_locale({"LC_MESSAGES": "ko_KR.UTF-8", "LANG": "es_ES"}, "linux") == "ko"
    assert i18n.os_locale({"LANG": "pt_BR.UTF-8"}, "linux") == "pt_BR"
    # A set LC_ALL naming an unshipped language means English, not the next variable's language.
    assert i18n.os_locale({"LC_ALL": "ru_RU.UTF-8", "LANG": "de_DE.UTF-8"}, "linux") == "en"
    assert i18n.os_locale({}, "linux") == "en"


def test_lang_beats_tsw_lang_beats_the_preference_beats_the_os() -> None:
    env = {"TSW_LANG": "es", "LANG": "de_DE.UTF-8"}
    assert i18n.resolve_locale("ja", env, preference="fr", platform="linux") == "ja"
    assert i18n.resolve_locale(None, env, preference="fr", platform="linux") == "es"
    assert i18n.resolve_locale(None, {"LANG": "de_DE.UTF-8"}, preference="fr", platform="linux") == "fr"
    assert i18n.resolve_locale(None, {"LANG": "de_DE.UTF-8"}, preference=None, platform="linux") == "de"
    assert i18n.resolve_locale("xx", {"TSW_LANG": "nonsense"}, preference="", platform="linux") == "en"


def test_windows_ui_language_is_empty_off_windows() -> None:
    assert i18n.windows_ui_language() == ""


# --------------------------------------------------------------------------- rendering


def test_text_renders_in_the_asked_language_and_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    assert i18n.text("severity.error", "de") == "Problem"
    assert i18n.text("severity.warning", "fr") == "Avertissement"
    assert i18n.text("step.page_title", "es", number=2, total=5, title="cuDNN") == "Paso 2 de 5 · cuDNN"
    german = dict(i18n.catalog("de"))
    del german["severity.warning"]
    monkeypatch.setattr(i18n, "catalog", _patched_catalog({"de": german}))
    assert i18n.text("severity.warning", "de") == "Warning"  # a missing key reads as English


def _patched_catalog(overrides: dict[str, dict[str, str]]):
    original = i18n.catalog

    def catalog(locale: str = i18n.SOURCE_LOCALE) -> dict[str, str]:
        return overrides.get(locale) or original(locale)

    return catalog


def test_a_translation_with_a_broken_placeholder_renders_the_english_text(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = dict(i18n.catalog("fr"), **{"step.blocked": "Réglez {etape} d'abord."})
    monkeypatch.setattr(i18n, "catalog", _patched_catalog({"fr": broken}))
    assert i18n.text("step.blocked", "fr", step="PyTorch") == i18n.text("step.blocked", "en", step="PyTorch")


def test_unknown_keys_and_missing_params_are_errors_in_english() -> None:
    with pytest.raises(i18n.I18nError, match="no text"):
        i18n.text("no.such.key", "de")
    with pytest.raises(i18n.I18nError, match="needs field"):
        i18n.text("step.blocked", "en")


def test_catalogs_reject_positional_fields_and_duplicates() -> None:
    with pytest.raises(i18n.I18nError, match="named fields"):
        i18n.flatten_catalog({"a": "x {0}"}, "t.json")
    with pytest.raises(i18n.I18nError, match="defined twice"):
        i18n.flatten_catalog({"a.b": "x", "a": {"b": "y"}}, "t.json")
    with pytest.raises(i18n.I18nError, match="non-empty string"):
        i18n.flatten_catalog({"a": {"title": 3}}, "t.json")


def test_pseudo_localisation_is_longer_accented_and_keeps_fields_and_commands() -> None:
    english = i18n.template("CUDA_VERSIONS.explanation")
    pseudo = i18n.pseudo_localize("Run `pip cache purge` for {gpu} now")
    assert "`pip cache purge`" in pseudo and "{gpu}" in pseudo and "Ŕ" not in "`pip cache purge`"
    assert pseudo.startswith("[Řüñ") and pseudo.endswith("]")
    assert len(i18n.template("CUDA_VERSIONS.explanation", "pseudo")) >= 1.4 * len(english)
    assert i18n.text("step.page_title", "pseudo", number=1, total=5, title="X").count("X") == 1


def test_words_follow_the_current_language() -> None:
    from wizard.findings import Severity, Step
    from wizard.words import SEVERITY_WORDS, STEP_TITLES

    try:
        i18n.set_locale("de")
        assert STEP_TITLES[Step.DRIVER] == "GPU und Treiber"
        assert SEVERITY_WORDS[Severity.INFO] == "Hinweis"
        i18n.set_locale("ja")
        assert STEP_TITLES[Step.PYTHON] == "Python 環境"
        assert list(STEP_TITLES) == list(Step) and len(SEVERITY_WORDS) == 4
        from wizard.words import status_label

        assert status_label("error") == "✗ 問題" and status_label("", none_mark="–") == "– 該当なし"
        i18n.set_locale("en")
        assert [status_label(s) for s in ("error", "warning", "info", "ok", "")] == [
            "✗ Problem", "! Warning", "i Note", "✓ OK", "- n/a"]
    finally:
        i18n.set_locale("en")


# --------------------------------------------------------------------------- findings and reports


def test_findings_store_their_catalog_keys_and_data_params() -> None:
    _snapshot, diagnosis = _diagnosed("driver_too_old_for_cu130")
    finding = next(f for f in diagnosis.findings if f.code == "DRIVER_TOO_OLD")
    assert finding.title_message is not None and finding.title_message.key.startswith("DRIVER_TOO_OLD")
    params = {p.name: p.value for p in finding.explanation_message.params}
    assert params["driver"] and params["driver"] in finding.explanation
    assert i18n.render_message(finding.title_message) == finding.title  # English renders what was stored


def test_embedded_advice_is_stored_as_messages_and_rendered_in_the_readers_language() -> None:
    _snapshot, diagnosis = _diagnosed("apple_silicon_want_cuda")
    finding = next(f for f in diagnosis.findings if f.explanation_message and any(
        p.parts for p in f.explanation_message.params))
    advice = next(p for p in finding.explanation_message.params if p.parts)
    assert any(part.key == "ADVICE.apple_mps.explanation" for part in advice.parts)
    spanish = i18n.localized_finding(finding, "es")
    assert 'torch.device("mps")' in spanish.explanation and "en lugar de" in spanish.explanation


def test_a_report_saved_in_one_language_opens_in_another() -> None:
    snapshot, diagnosis = _diagnosed("driver_too_old_for_cu130")
    german_view = i18n.localized_diagnosis(diagnosis, "de")
    saved = report_json(snapshot, german_view)  # e.g. a German student's GUI exported this
    _loaded_snapshot, loaded = load_report(saved)
    for reader in ("es", "zh_CN", "en"):
        shown = i18n.localized_diagnosis(loaded, reader)
        expected = i18n.localized_diagnosis(diagnosis, reader)
        assert [f.title for f in shown.findings] == [f.title for f in expected.findings]
    root = i18n.localized_diagnosis(loaded, "es").errors[0]
    assert "NVIDIA" in root.title and root.title != diagnosis.errors[0].title


@cache
def all_scenario_diagnoses() -> tuple:
    diagnoses = []
    for path in SCENARIOS:
        _data, snapshot, goal = load(path)
        diagnoses.append((path, diagnose(snapshot, load_knowledge(), goal)))
    return tuple(diagnoses)


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_scenario_renders_in_every_language(locale: str) -> None:
    """No message any check stores fails to render, and translated findings really change language."""
    changed = 0
    for path, diagnosis in all_scenario_diagnoses():
        for finding in diagnosis.findings:
            for message in (finding.title_message, finding.explanation_message):
                if message is not None:
                    rendered = i18n.render_message(message, locale)
                    assert "{" not in rendered.replace("{{", ""), (path.stem, message.key)
            changed += i18n.localized_finding(finding, locale).title != finding.title
    assert changed >= len(SCENARIOS)


def test_damaged_or_unknown_messages_keep_the_stored_text() -> None:
    from wizard.findings import Finding, Severity, Step

    stored = Finding("X", Severity.INFO, Step.DRIVER, "stored title", "stored text",
                     title_message=Message("FROM_A_NEWER_WIZARD.title"),
                     explanation_message=Message("DRIVER_OK.explanation", (Param("x", "1"),)))
    shown = i18n.localized_finding(stored, "de")
    assert shown.title == "stored title"
    assert shown.explanation == i18n.text("DRIVER_OK.explanation", "de")
    nested = Message("CAUSED_BY.explanation", (Param("cause", parts=(Message("nope"),)),))
    assert i18n.localized_finding(
        Finding("X", Severity.INFO, Step.DRIVER, "t", "kept", explanation_message=nested), "fr"
    ).explanation == "kept"


def test_report_json_keeps_the_message_keys_of_the_catalogs() -> None:
    snapshot, diagnosis = _diagnosed("apple_silicon_want_cuda")
    data = json.loads(report_json(snapshot, diagnosis))
    messages = [f["title_message"] for f in data["findings"] if f.get("title_message")]
    assert messages and all(i18n.has_text(m["key"]) for m in messages)


def test_action_labels_are_shown_in_the_readers_language() -> None:
    _snapshot, diagnosis = _diagnosed("driver_too_old_for_cu130")
    labels = [a.label for f in i18n.localized_diagnosis(diagnosis, "de").findings for a in f.actions]
    english = [a.label for f in diagnosis.findings for a in f.actions]
    assert "NVIDIA-Treiber aktualisieren" in labels and "Update the NVIDIA driver" in english
    assert i18n.localized_label("Install PyTorch 2.7.1 (CUDA 11.8)", "ja") == "PyTorch 2.7.1 をインストール（CUDA 11.8）"
    assert i18n.localized_label("A label no catalog knows", "fr") == "A label no catalog knows"


def test_every_action_label_the_scenarios_produce_is_in_the_catalog() -> None:
    """A check that adds an action label adds its action.* text (and translations) too."""
    unknown = {a.label for _path, d in all_scenario_diagnoses() for f in d.findings for a in f.actions
               if i18n.localized_label(a.label, "de") == a.label}
    assert unknown == set()


def test_redaction_reaches_the_stored_params_so_no_language_shows_the_user_name() -> None:
    """A shared report renders from its params in the reader's language: they are redacted with the text."""
    from wizard.checks.texts import finding
    from wizard.findings import Diagnosis, Recommendation, Severity, Step
    from wizard.report.redact import RedactionContext, redact_report

    snapshot, _diagnosis = _diagnosed("driver_too_old_for_cu130")
    home = "/home/alice.smith/venvs/course"
    item = finding("TORCH_MISSING", Severity.ERROR, Step.WHEEL, python=f"{home}/bin/python")
    _snap, redacted = redact_report(snapshot, Diagnosis((item,), Recommendation(kind="none", why="")),
                                    RedactionContext(user_names=("alice.smith",)))
    for locale in i18n.LANGUAGES:
        shown = i18n.localized_finding(redacted.findings[0], locale)
        assert "alice" not in shown.explanation, locale
        assert "venvs/course" in shown.explanation  # the path is still there, without the person


# --------------------------------------------------------------------------- one catalog mechanism


def test_every_text_catalog_is_read_through_i18n_in_the_users_language() -> None:
    """places, remedies, recommend, environments, dialogs and commands render in the chosen language."""
    from wizard.places_text import say as place_line
    from wizard.policy.words import say as recommend_sentence
    from wizard.remedy_texts import remedy_text

    samples = {"places": "heading.kernels.title", "remedies": "ensurepip", "recommend": "mps",
               "environments": "action.uv_sync.title", "dialogs": "undo.title", "commands": "command.fix.proceed"}
    for name, key in samples.items():
        assert key in i18n.load_catalog_file(i18n.catalog_path(name)), name
        assert i18n.text(key, "pseudo") == i18n.pseudo_localize(i18n.text(key, "en")), name
    try:
        i18n.set_locale("pseudo")
        assert place_line("heading.kernels") == i18n.text("heading.kernels.title", "pseudo")
        assert recommend_sentence("mps") == i18n.text("mps", "pseudo")
        assert remedy_text("ensurepip") == i18n.text("ensurepip", "pseudo")
    finally:
        i18n.set_locale(i18n.SOURCE_LOCALE)
    # What core code hands on carries its message, so a reader renders it again in their language.
    assert i18n.messages_in(remedy_text("damaged", packages="torch==2.13.0")) == (
        Message("damaged", (Param("packages", "torch==2.13.0"),)),)
    assert i18n.shown(remedy_text("ensurepip"), "pseudo") == i18n.text("ensurepip", "pseudo")
    assert i18n.shown("plain text", "pseudo") == "plain text"


def test_a_partial_translation_file_falls_back_to_english_key_by_key(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A translation that lacks a file or a key shows those texts in English, the rest translated."""
    texts = tmp_path / "texts"
    (texts / "de").mkdir(parents=True)
    english_places = i18n.catalog_path("places")
    (texts / "places.json").write_text(english_places.read_text(encoding="utf-8"), encoding="utf-8")
    (texts / "de" / "places.json").write_text(
        json.dumps({"heading.kernels": {"title": "Notebook-Kernel", "explanation": "Jeder Kernel …"}}), encoding="utf-8")

    def catalog_path(name: str, locale: str = i18n.SOURCE_LOCALE):
        if name == "places":
            return texts / ("places.json" if locale == i18n.SOURCE_LOCALE else f"{locale}/places.json")
        return tmp_path / "absent.json" if locale != i18n.SOURCE_LOCALE else english_places.with_name(f"{name}.json")

    monkeypatch.setattr(i18n, "catalog_path", catalog_path)
    german = i18n.catalog.__wrapped__("de")
    monkeypatch.setattr(i18n, "catalog", _patched_catalog({"de": german}))
    assert i18n.text("heading.kernels.title", "de") == "Notebook-Kernel"
    assert i18n.text("heading.conda.title", "de") == "Conda environments"  # this key is not translated yet
    assert i18n.text("undo.title", "de") == "Undo the last fix"  # dialogs.json has no German file here


def test_the_recommendation_is_stored_as_messages_and_opens_in_another_language() -> None:
    snapshot, diagnosis = _diagnosed("driver_too_old_for_cu130")
    why = diagnosis.recommendation.why
    assert diagnosis.recommendation.why_messages and all(m.key.startswith(("why.", "driver_first", "impossible"))
                                                         or i18n.has_text(m.key)
                                                         for m in diagnosis.recommendation.why_messages)
    pseudo_view = i18n.localized_diagnosis(diagnosis, "pseudo")
    assert pseudo_view.recommendation.why != why and pseudo_view.recommendation.why.startswith("[")
    saved = json.loads(report_json(snapshot, pseudo_view))  # a report saved while reading it in one language
    assert saved["recommendation"]["why_messages"][0]["key"] == diagnosis.recommendation.why_messages[0].key
    _loaded_snapshot, loaded = load_report(json.dumps(saved))
    assert i18n.localized_diagnosis(loaded, "en").recommendation.why == why  # … opens in another
    assert i18n.localized_diagnosis(loaded, "pseudo").recommendation.why == pseudo_view.recommendation.why


def test_every_scenario_recommendation_is_built_from_catalog_messages() -> None:
    """No recommendation sentence is written in code: each why re-renders from its messages exactly."""
    for path, diagnosis in all_scenario_diagnoses():
        recommendation = diagnosis.recommendation
        if recommendation.why:
            assert recommendation.why_messages, (path.stem, recommendation.why)
            assert i18n.render_messages(recommendation.why_messages, "", "en") == recommendation.why, path.stem
            assert "{" not in i18n.render_messages(recommendation.why_messages, "", "pseudo"), path.stem


def test_every_action_stores_the_message_of_its_label() -> None:
    for path, diagnosis in all_scenario_diagnoses():
        for finding in diagnosis.findings:
            for action in finding.actions:
                assert action.label_message is not None, (path.stem, action.label)
                assert i18n.render_message(action.label_message, "en") == action.label, (path.stem, action.label)
    snapshot, diagnosis = _diagnosed("driver_too_old_for_cu130")
    _loaded_snapshot, loaded = load_report(report_json(snapshot, i18n.localized_diagnosis(diagnosis, "de")))
    german = [a.label for f in loaded.findings for a in f.actions]
    english = [a.label for f in i18n.localized_diagnosis(loaded, "en").findings for a in f.actions]
    assert "NVIDIA-Treiber aktualisieren" in german and "Update the NVIDIA driver" in english


def test_sentences_are_joined_without_a_space_in_chinese_and_japanese() -> None:
    first, second = Message("why.uses_gpu", (Param("torch", "2.5.1"),)), Message("mps", ())
    for locale in ("zh_CN", "ja"):
        joined = i18n.render_messages((first, second), "", locale)
        assert joined == i18n.text("why.uses_gpu", locale, torch="2.5.1") + i18n.text("mps", locale)
    german = i18n.render_messages((first, second), "", "de")
    assert german == i18n.text("why.uses_gpu", "de", torch="2.5.1") + " " + i18n.text("mps", "de")


def test_a_field_whose_value_is_empty_leaves_no_double_space_in_any_language() -> None:
    from wizard.checks.texts import render
    from wizard.i18n import without_empty_fields

    assert without_empty_fields("PyTorch {torch} is the CPU-only build", {"torch": ""}) == "PyTorch{torch} is the CPU-only build"
    title, explanation = render("CPU_ONLY_WHEEL", {"torch": "", "gpu": "NVIDIA GeForce RTX 3090"})
    assert explanation.startswith("PyTorch is the CPU-only build") and "  " not in explanation
    _, with_version = render("CPU_ONLY_WHEEL", {"torch": "2.4.0+cpu", "gpu": "NVIDIA GeForce RTX 3090"})
    assert with_version.startswith("PyTorch 2.4.0+cpu is the CPU-only build")
