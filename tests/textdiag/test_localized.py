"""Localized OS messages (issue #17 item 4): Windows' FormatMessage texts and glibc's translations."""

from __future__ import annotations

import pytest

from tests.textdiag.pasted import facts_of
from wizard.engine import diagnose
from wizard.findings import Goal
from wizard.textdiag import goal_for_text, snapshot_from_text
from wizard.textdiag.classify import classify_text
from wizard.textdiag.signatures import default_signatures

LANGUAGES = ("zh_CN", "es", "pt_BR", "ja", "ko", "de", "fr")
KINDS = ("module_not_found", "dll_init_failed", "access_denied", "disk_full", "path_too_long", "host_unknown")


def first_error(text: str) -> str:
    snapshot = snapshot_from_text(text)
    errors = diagnose(snapshot, goal=goal_for_text(snapshot, Goal())).errors
    return errors[0].code if errors else ""


@pytest.mark.parametrize(
    "message",
    [
        "找不到指定的模块",  # zh_CN
        "Das angegebene Modul wurde nicht gefunden",  # de
        "No se puede encontrar el módulo especificado",  # es
    ],
)
def test_a_pasted_windows_dll_error_in_chinese_german_spanish_names_the_cause(message: str) -> None:
    text = (
        '  File "C:\\Users\\u\\venv\\Lib\\site-packages\\torch\\__init__.py", line 148, in <module>\n'
        f'OSError: [WinError 126] {message}. Error loading "C:\\Users\\u\\venv\\Lib\\site-packages\\torch\\lib\\c10.dll" '
        "or one of its dependencies.\n"
    )
    assert first_error(text) == "VCREDIST_MISSING"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_each_windows_message_and_its_example_names_the_cause(lang: str) -> None:
    by_id = {s.id: s for s in default_signatures()}
    for kind in KINDS:
        signature = by_id[f"win_{kind}_{lang.lower()}"]
        assert signature.lang == lang and signature.source.startswith("https://learn.microsoft.com/")
        causes = [cause.code for cause in classify_text(signature.example)]
        assert causes and causes[0] == signature.cause, (lang, kind, causes)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_glibc_translations_of_the_messages_that_matter(lang: str) -> None:
    glibc = [s for s in default_signatures() if s.id.startswith("glibc_") and s.lang == lang]
    assert {s.id.removesuffix("_" + lang.lower()) for s in glibc} >= {
        "glibc_no_space", "glibc_permission_denied", "glibc_dns_temporary", "glibc_dns_unknown"
    }
    for signature in glibc:  # every glibc wording was read from glibc's own po/<lang>.po at a commit
        assert signature.wording == "sourced"
        assert all(url.startswith("https://github.com/bminor/glibc/blob/") for url in signature.quoted_in)


def test_every_localized_message_says_where_its_wording_comes_from() -> None:
    """A localized wording is "sourced" (a real post quoting the OS, or glibc's .po) or openly "unverified"."""
    localized = [s for s in default_signatures() if s.lang]
    assert all(s.wording in ("sourced", "unverified") for s in localized)
    assert all(s.quoted_in for s in localized if s.wording == "sourced")
    sourced_windows = {s.lang for s in localized if s.id.startswith("win_module_not_found") and s.wording == "sourced"}
    assert {"zh_CN", "ko", "pt_BR", "fr"} <= sourced_windows


@pytest.mark.parametrize(
    ("text", "lang"),
    [  # glibc's wordings as its po files have them, in the releases that changed them
        ("[Errno -3] 域名解析暂时失败", "zh_CN"),  # up to 2.35
        ("[Errno -3] 域名解析出现暂时性错误", "zh_CN"),  # from 2.39
        ("[Errno -2] 名称或服务未知", "zh_CN"),
        ("[Errno -3] Falha temporário na resolução de nome", "pt_BR"),
        ("[Errno -3] name resolution에서 일시적인 실패", "ko"),
        ("[Errno -3] 名前解決に一時的に失敗しました", "ja"),
    ],
)
def test_glibc_dns_failures_in_each_release_wording(text: str, lang: str) -> None:
    causes = classify_text(f"pip: Failed to establish a new connection: {text}")
    assert causes and causes[0].code == "DISK_OR_NETWORK" and causes[0].lang in (lang, "")


def test_dll_load_failed_without_a_number_in_each_language() -> None:
    for message in ("找不到指定的模块。", "Le module spécifié est introuvable.", "指定されたモジュールが見つかりません。",
                    "지정된 모듈을 찾을 수 없습니다.", "Não foi possível encontrar o módulo especificado."):
        text = f"    from torch._C import *\nImportError: DLL load failed while importing _C: {message}"
        assert classify_text(text)[0].code == "VCREDIST_MISSING", message


def test_a_full_disk_and_a_dns_failure_in_german() -> None:
    assert first_error("OSError: [Errno 28] Auf dem Gerät ist kein Speicherplatz mehr verfügbar") == "DISK_OR_NETWORK"
    assert first_error("curl: (6) Could not resolve host: download.pytorch.org (Temporärer Fehler bei der "
                       "Namensauflösung)") == "DISK_OR_NETWORK"


def test_dll_initialisation_failure_in_chinese_is_the_vc_runtime() -> None:
    text = ('OSError: [WinError 1114] 动态链接库(DLL)初始化例程失败。 Error loading "C:\\p\\torch\\lib\\c10.dll" '
            "or one of its dependencies.")
    assert first_error(text) == "VCREDIST_MISSING"


@pytest.mark.parametrize(("field", "facts"), [
    ("torch版本：2.2.2+cu121", {"torch_version": "2.2.2+cu121"}),
    ("pytorch 版本是 2.0.1", {"torch_version": "2.0.1"}),
    ("CUDA バージョン: 12.1", {"toolkit_version": "12.1"}),
    ("torch 버전: 2.1.0", {"torch_version": "2.1.0"}),
    ("версия torch: 2.1.0+cu118", {"torch_version": "2.1.0+cu118"}),
    ("Python版本: 3.10.6", {"python_version": "3.10"}),
    ("versão do Python: 3.11", {"python_version": "3.11"}),
    ("versión de CUDA: 11.8", {"toolkit_version": "11.8"}),
    ("驱动版本：536.23", {"driver_version": "536.23"}),
    ("версия драйвера: 535.86", {"driver_version": "535.86"}),
])
def test_a_version_field_labelled_in_another_language_is_read(field: str, facts: dict[str, str]) -> None:
    found = facts_of(field)
    assert {key: found.get(key) for key in facts} == facts


@pytest.mark.parametrize("prose", ["pytorch版本不对", "我的版本：2.1", "版本：2.1"])
def test_a_version_word_without_the_package_it_belongs_to_reveals_nothing(prose: str) -> None:
    assert not {"torch_version", "toolkit_version", "python_version", "driver_version"} & set(facts_of(prose))


def test_a_chinese_field_list_places_cuda_unusable_on_a_driver_older_than_the_build() -> None:
    text = "显卡：GTX 1080\n驱动版本：450.80\ntorch版本：2.1.0+cu121\ntorch.cuda.is_available() 返回 False，用不了GPU"
    assert first_error(text) == "DRIVER_TOO_OLD"
