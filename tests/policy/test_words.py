"""Every sentence key the policy and the recommendation use exists in resources/texts/recommend.json."""

from __future__ import annotations

import re
from pathlib import Path

from wizard.policy import words

ROOT = Path(__file__).resolve().parents[2] / "wizard"


def test_every_key_used_is_in_the_catalog():
    used = set()
    for path in [*ROOT.glob("policy/*.py"), *ROOT.glob("recommend/*.py"), ROOT / "engine.py"]:
        used |= set(re.findall(r"""say\(\s*f?["']([a-z_.]+)["']""", path.read_text(encoding="utf-8")))
    assert used and used <= words.catalog_keys(), sorted(used - words.catalog_keys())


def test_every_problem_the_validator_names_has_a_sentence():
    source = (ROOT / "policy/validate.py").read_text(encoding="utf-8")
    names = set(re.findall(r'"([a-z_0-9]+)"', source)) - {"install", "new_venv", "cuda", "rocm", "xpu", "intel",
                                                          "darwin"}
    named = {n for n in names if f"impossible.{n}" in words.catalog_keys()}
    assert {"cuda_on_mac", "driver_too_old", "no_newer_driver", "arch_not_covered", "no_wheel"} <= named
    for problem in ("interpreter_bits32", "interpreter_python2", "interpreter_implementation"):
        assert f"impossible.{problem}" in words.catalog_keys()
