"""The only URLs the wizard opens: https pages of NVIDIA, PyTorch, Python, Microsoft and pip docs.

Pure, so the checks and the knowledge loader can ask it without importing wizard.actions."""

from __future__ import annotations

from urllib.parse import urlsplit

# Host names (exact, or a subdomain of) that may be opened. Only https.
ALLOWED_HOSTS = (
    "nvidia.com",
    "pytorch.org",
    "download.pytorch.org",
    "python.org",
    "pypi.org",
    "pip.pypa.io",
    "packaging.python.org",
    "aka.ms",
    "learn.microsoft.com",
    "support.microsoft.com",
    "docs.conda.io",
    "conda-forge.org",
    "github.com",
)


def is_allowed_url(url: str) -> bool:
    """True only for https URLs whose host is on the allow-list (no credentials, no odd ports)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # raises ValueError for a port that is not a number in 0-65535
    except ValueError:
        return False
    if parts.scheme != "https" or parts.username or parts.password or port not in (None, 443):
        return False
    host = (parts.hostname or "").lower().rstrip(".")
    return any(host == allowed or host.endswith("." + allowed) for allowed in ALLOWED_HOSTS)
