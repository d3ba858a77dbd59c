"""collect_index against local mirrors over 127.0.0.1: HTML and JSON pages, metadata, a slow mirror, a dead one,
the cache, --offline, and an authenticating proxy read from pip's own configuration."""

from __future__ import annotations

import dataclasses
import sys
import time

import pytest

from tests.index.mirrors import newer_mirror
from tests.index.proxy import AuthProxy
from tests.local_index import LocalIndex, pip_env
from wizard.facts.runner import run_command
from wizard.index import cache
from wizard.index.collect import IndexRequest, collect_index
from wizard.index.request import index_request
from wizard.snapshot import FactStatus


def request_for(base: str, frozen_knowledge, tmp_path, **kw) -> IndexRequest:
    return dataclasses.replace(index_request(frozen_knowledge, base), cache_folder=tmp_path / "cache", **kw)


def pip_args(**extra: str) -> dict:
    """collect_index's runner and environment with this machine's pip configuration hidden."""
    env = pip_env(**extra)

    def run(argv, timeout=30.0, **_):
        return run_command(argv, timeout=timeout, env=env)

    return {"runner": run, "environ": env}


def torch_files(listing, variant: str) -> set[str]:
    return {f.filename for p in listing.pages if (p.variant, p.project) == (variant, "torch") for f in p.files}


def test_html_mirror_is_read_with_metadata_and_cached(newer_index, frozen_knowledge, tmp_path):
    fact = collect_index(request_for(newer_index.torch_base, frozen_knowledge, tmp_path), sys.executable, **pip_args())
    assert fact.ok and fact.value.source == "index"
    listing = fact.value
    assert "torch-2.17.0+cu130-cp311-cp311-manylinux_2_28_x86_64.whl" in torch_files(listing, "cu130")
    statuses = {(p.variant, p.project): p.status for p in listing.pages}
    assert statuses[("cu126", "torch")] == "missing" and statuses[("cpu", "torch")] == "ok"
    requires = {f.filename: f.requires for p in listing.pages for f in p.files if f.requires}
    assert ("nvidia-cuda-runtime-cu13==13.2.51",) in requires.values()  # PEP 658 metadata of a newer cu132 torch
    assert ("torch==2.17.0",) in requires.values()
    assert not any("2.14.1" in name for name, _ in requires.items())  # metadata only beyond the bundled tables
    # the answer is cached: a second check within the TTL does not ask the index again
    before = len(newer_index.requests)
    again = collect_index(request_for(newer_index.torch_base, frozen_knowledge, tmp_path), sys.executable, **pip_args())
    assert (again.value.source, again.value.pages) == ("cache", listing.pages)
    assert len(newer_index.requests) == before


def test_pep_691_json_when_the_server_offers_it(frozen_knowledge, tmp_path):
    with LocalIndex(newer_mirror(variants=("cpu",)), tmp_path / "w", json_api=True) as index:
        fact = collect_index(request_for(index.torch_base, frozen_knowledge, tmp_path), sys.executable, **pip_args())
    assert fact.ok and "torch-2.17.0+cpu-cp313-cp313-manylinux_2_28_x86_64.whl" in torch_files(fact.value, "cpu")
    assert any(f.requires for p in fact.value.pages for f in p.files)  # "core-metadata" of the JSON form


def test_a_dead_index_falls_back_fast(dead_url, frozen_knowledge, tmp_path):
    started = time.monotonic()
    fact = collect_index(request_for(dead_url, frozen_knowledge, tmp_path), sys.executable, **pip_args())
    assert time.monotonic() - started < 10  # pip config list + refused connections, no waiting
    assert (fact.problem.status, fact.problem.code) == (FactStatus.FAILED, "index_unreachable")
    assert "connection refused" in fact.problem.reason


def test_a_slow_index_costs_at_most_the_timeout_then_the_cache_answers(frozen_knowledge, tmp_path):
    with LocalIndex(newer_mirror(variants=("cpu",)), tmp_path / "w") as index:
        request = request_for(index.torch_base, frozen_knowledge, tmp_path, timeout=2.0)
        assert collect_index(request, sys.executable, **pip_args()).value.source == "index"
        stale = dataclasses.replace(request, ttl=0.0)  # the cached answer is now too old to skip the index
        index.delay = 8.0
        started = time.monotonic()
        fact = collect_index(stale, sys.executable, **pip_args())
        elapsed = time.monotonic() - started
        index.delay = 0.0
    assert elapsed < 2.0 + 4.0  # the read budget (plus pip config list on a busy machine), never the 8 s delay
    assert fact.value.source == "cache" and "timed out" in fact.value.note


def test_offline_uses_the_cache_or_nothing(newer_index, frozen_knowledge, tmp_path):
    request = request_for(newer_index.torch_base, frozen_knowledge, tmp_path, offline=True)
    fact = collect_index(request, sys.executable, **pip_args())
    assert (fact.problem.status, fact.problem.code) == (FactStatus.NOT_APPLICABLE, "index_offline")
    collect_index(dataclasses.replace(request, offline=False), sys.executable, **pip_args())
    before = len(newer_index.requests)
    fact = collect_index(request, sys.executable, **pip_args())
    assert (fact.value.source, fact.value.note) == ("cache", "offline")
    assert len(newer_index.requests) == before


def test_a_damaged_cache_file_is_ignored(newer_index, frozen_knowledge, tmp_path):
    request = request_for(newer_index.torch_base, frozen_knowledge, tmp_path)
    collect_index(request, sys.executable, **pip_args())
    for path in (tmp_path / "cache").glob("*.json"):
        path.write_text("{ not json")
    assert cache.load(newer_index.torch_base, tmp_path / "cache") is None
    assert collect_index(request, sys.executable, **pip_args()).value.source == "index"


@pytest.mark.parametrize("with_credentials", [True, False])
def test_through_an_authenticating_proxy_from_pips_configuration(newer_index, frozen_knowledge, tmp_path,
                                                                   with_credentials):
    with AuthProxy() as proxy:
        proxy_url = proxy.url_with_credentials if with_credentials else proxy.url
        request = request_for(newer_index.torch_base, frozen_knowledge, tmp_path)
        fact = collect_index(request, sys.executable, **pip_args(PIP_PROXY=proxy_url, NO_PROXY="", no_proxy=""))
    if not with_credentials:
        assert fact.problem.code == "index_unreachable" and "407" in fact.problem.reason
        assert proxy.refused > 0 and not proxy.seen
        return
    assert fact.ok and proxy.seen and all(url.startswith(newer_index.root) for url in proxy.seen)
    stored = "".join(p.read_text() for p in (tmp_path / "cache").glob("*.json"))
    assert proxy.password not in stored and proxy.password not in repr(fact)


def test_index_credentials_in_the_url_authenticate_and_are_never_kept(frozen_knowledge, tmp_path):
    with LocalIndex(newer_mirror(variants=("cpu",)), tmp_path / "w", basic_auth=("lab", "p@ss:word")) as index:
        secret_base = index.torch_base.replace("http://", "http://lab:p%40ss%3Aword@")
        refused = collect_index(request_for(index.torch_base, frozen_knowledge, tmp_path / "a"), sys.executable,
                                **pip_args())
        fact = collect_index(request_for(secret_base, frozen_knowledge, tmp_path / "b"), sys.executable, **pip_args())
    assert refused.problem.code == "index_unreachable" and "HTTP 401" in refused.problem.reason
    assert fact.ok and fact.value.base == index.torch_base
    assert any(f.requires for p in fact.value.pages for f in p.files)  # the metadata files too, on the same host
    stored = "".join(p.read_text() for p in (tmp_path / "b" / "cache").glob("*.json"))
    assert "p%40ss" not in stored and "p@ss" not in stored and "p@ss" not in repr(fact)
