"""What pip's own output says when it could not reach the package index: proxy, DNS, TLS, timeout, or
the index (mirror) itself, with the host and what to set. One small function, so the shared error
catalogue (wizard.textdiag) can take it over later.

The patterns are pip's and urllib3's own words (pip/_internal/index/collector.py "Could not fetch URL
…", "There was a problem confirming the ssl certificate"; urllib3's ProxyError "Cannot connect to
proxy.", NewConnectionError "Failed to establish a new connection", ConnectTimeoutError / ReadTimeoutError
"timed out"; resolver errors as each OS's getaddrinfo prints them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_HOST = re.compile(r"host='([^']+)'|https?://([^/:\s'\"]+)")

# (kind, pattern), most specific first: a ProxyError also carries a NewConnectionError inside.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("proxy", re.compile(r"ProxyError|Cannot connect to proxy|Tunnel connection failed|407 Proxy Authentication", re.I)),
    ("tls", re.compile(r"SSLError|CERTIFICATE_VERIFY_FAILED|problem confirming the ssl certificate|"
                       r"SSLCertVerificationError|WRONG_VERSION_NUMBER|UNKNOWN_PROTOCOL", re.I)),
    ("dns", re.compile(r"Name or service not known|Temporary failure in name resolution|getaddrinfo failed|"
                       r"nodename nor servname provided|No address associated with hostname|NameResolutionError", re.I)),
    ("timeout", re.compile(r"ConnectTimeoutError|ReadTimeoutError|Read timed out|timed out\. \((?:connect|read) timeout", re.I)),
    ("refused", re.compile(r"Connection refused|Network is unreachable|No route to host|"
                           r"actively refused|Failed to establish a new connection", re.I)),
    ("index", re.compile(r"(?:40[134]|5\d\d) Client Error|(?:40[134]|5\d\d) Server Error|HTTP error (?:40[134]|5\d\d)", re.I)),
)


@dataclass(frozen=True)
class NetworkProblem:
    kind: str  # "proxy" | "tls" | "dns" | "timeout" | "refused" | "index"
    host: str  # the host pip tried ("" when its output named none)
    line: str  # pip's own line that says it, for the details


def classify_pip_failure(output: str) -> NetworkProblem | None:
    """The network cause in pip's output, or None when pip's failure is not about reaching the index."""
    lines = output.splitlines()
    for kind, pattern in _KINDS:
        for line in lines:
            if pattern.search(line):
                return NetworkProblem(kind, _host(line), line.strip()[:400])
    return None


def index_host(argv: tuple[str, ...] | list[str]) -> str:
    """The host of the command's first --index-url / --extra-index-url ("" when it names none: pip's default)."""
    for option, value in zip(argv, argv[1:]):
        if option in ("--index-url", "-i", "--extra-index-url"):
            return urlsplit(value).hostname or ""
    return ""


def network_advice(output: str, fallback_host: str = "") -> str:
    """One sentence naming the network cause in pip's output and what to set; "" when it is not a network failure.
    pip's retry lines name only the path for the index itself, so the caller may name the host it asked."""
    from wizard.remedy_texts import remedy_text

    problem = classify_pip_failure(output)
    if problem is None:
        return ""
    return remedy_text(f"net.{problem.kind}", host=problem.host or fallback_host or remedy_text("net.unknown_host"))


def _host(line: str) -> str:
    for match in _HOST.finditer(line):
        host = match.group(1) or match.group(2)
        if host and "pip._vendor" not in host:
            return host
    return ""
