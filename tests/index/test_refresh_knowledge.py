"""tools/refresh_knowledge.py against a local mirror: new releases become verified entries that validate, and the
wizard then recommends them offline."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from tests.conftest import FROZEN_KNOWLEDGE, REPO
from tests.index.mirrors import newer_mirror, release_wheels
from tests.local_index import LocalIndex, pip_env
from wizard.knowledge import load_knowledge


def test_refresh_writes_verified_entries_from_the_mirror(tmp_path, plain_venv_python):
    folder = tmp_path / "knowledge"
    shutil.copytree(FROZEN_KNOWLEDGE, folder)
    specs = newer_mirror() + release_wheels("2.17.0", "0.32.0", ("cu134",), ("cp311", "cp312"))
    with LocalIndex(specs, tmp_path / "w") as index:
        result = subprocess.run(
            [sys.executable, "tools/refresh_knowledge.py", "--index", index.torch_base, "--knowledge", str(folder),
             "--date", "2026-12-06"], capture_output=True, text=True, env=pip_env(), cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "2 release(s)" in result.stdout
    refreshed = load_knowledge(folder)
    assert refreshed.checked_on == "2026-12-06"
    release = refreshed.newest_release()
    assert (release.version, release.verified, release.torchvision) == ("2.17.0", True, "0.32.0")
    assert (release.python_min, release.python_max, release.min_glibc) == ("3.10", "3.13", "2.28")
    assert {v.name for v in release.variants} == {"cpu", "cu130", "cu132", "cu134"}  # cu134 found on /whl/torch/
    cu134 = release.variant("cu134")
    assert cu134.cuda == "13.4" and cu134.arch_list("linux-x86_64")  # arch list of the newest CUDA 13 build
    assert cu134.platforms == ("linux-x86_64",)
    entry = json.loads((folder / "releases.json").read_text())["releases"][0]
    assert entry["source"] == ["PT-INDEX"] and "review before a release" in entry["note"]
    # the refreshed tables are what the wizard answers from, even offline
    env = pip_env(TSW_KNOWLEDGE_DIR=str(folder), TSW_OFFLINE="1", TSW_CACHE_DIR=str(tmp_path / "cache"))
    check = subprocess.run([sys.executable, "-m", "wizard", "check", "--json", "--python", plain_venv_python],
                           capture_output=True, text=True, env=env, cwd=REPO, timeout=240)
    assert json.loads(check.stdout)["recommendation"]["torch"] == "2.17.0"


def test_an_unreachable_index_changes_nothing(tmp_path, dead_url):
    folder = tmp_path / "knowledge"
    shutil.copytree(FROZEN_KNOWLEDGE, folder)
    before = (folder / "releases.json").read_text()
    result = subprocess.run([sys.executable, "tools/refresh_knowledge.py", "--index", dead_url, "--knowledge",
                             str(folder)], capture_output=True, text=True, env=pip_env(), cwd=REPO, timeout=300)
    assert result.returncode == 2 and "could not be read" in result.stderr
    assert (folder / "releases.json").read_text() == before
