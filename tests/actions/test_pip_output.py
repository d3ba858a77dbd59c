"""Network truth: real pip, pointed at a proxy that is not there, a host that does not resolve, a server that
speaks no TLS, one that never answers and a port nobody listens on. The plan names the cause and what to set."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator

import pytest

from wizard.actions.pip_output import classify_pip_failure
from wizard.actions.plan import make_plan, render_plan
from wizard.actions.runner import probe_identity


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers (the backlog does the accepting)."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield server.getsockname()[1]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def plan_with(python: str, index_url: str, **env: str):
    child = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    child.update({"PIP_RETRIES": "1", "PIP_TIMEOUT": "2", "PIP_FIND_LINKS": "", **env})
    child.pop("PIP_INDEX_URL", None)
    argv = (python, "-m", "pip", "install", "numpy==2.1.0", "--index-url", index_url)
    return make_plan(argv, probe_identity(python), env=child)


def test_proxy_refusing(cpu_env, index) -> None:
    dead = f"http://127.0.0.1:{closed_port()}"
    plan = plan_with(cpu_env.python, index.simple_url, HTTP_PROXY=dead, http_proxy=dead, NO_PROXY="", no_proxy="")
    assert "No matching distribution" in plan.problem and "through the proxy" in plan.problem
    assert "HTTPS_PROXY" in render_plan(plan)


def test_name_that_does_not_resolve(cpu_env) -> None:
    plan = plan_with(cpu_env.python, "https://no-such-host.invalid/simple")
    assert "could not find the address" in plan.problem and "(DNS)" in plan.problem


def test_server_that_speaks_no_tls(cpu_env, index) -> None:
    plan = plan_with(cpu_env.python, index.simple_url.replace("http://127.0.0.1", "https://localhost"))
    assert "could not verify the secure connection" in plan.problem and "PIP_CERT" in plan.problem


def test_server_that_never_answers(cpu_env, silent_port: int) -> None:
    plan = plan_with(cpu_env.python, f"http://127.0.0.1:{silent_port}/simple")
    assert "timed out" in plan.problem and "PIP_TIMEOUT" in plan.problem


def test_nothing_listening(cpu_env) -> None:
    plan = plan_with(cpu_env.python, f"http://127.0.0.1:{closed_port()}/simple")
    assert "Nothing answered at 127.0.0.1" in plan.problem


def test_not_a_network_failure() -> None:
    assert classify_pip_failure("ERROR: No matching distribution found for torch==9.9") is None
