"""The only URLs the wizard opens: https pages of NVIDIA, PyTorch, Python, Microsoft and pip docs, and on
github.com only the project pages the knowledge cites (never any repository, never a download).

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
)
# Exact project pages on hosts where anyone can publish (resources/knowledge/urls.json lists the same).
ALLOWED_PAGES = (
    "https://github.com/pytorch/pytorch/",
    "https://github.com/pytorch/vision/",
    "https://github.com/pytorch/audio/",
    "https://github.com/pypa/pip/",
    "https://github.com/astral-sh/uv/",
)
# Paths under a project page that serve files, not pages: a button must never download something.
DOWNLOAD_PATHS = ("/releases/download/", "/archive/", "/raw/", "/zipball/", "/tarball/", "/suites/", "/actions/artifacts/")


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
    if any(host == allowed or host.endswith("." + allowed) for allowed in ALLOWED_HOSTS):
        return True
    return any(is_under_page(host, parts.path, page) for page in ALLOWED_PAGES)


def is_under_page(host: str, path: str, page: str) -> bool:
    """``host``+``path`` is the page itself or below it (whole path segments, no dot segments or encoded
    slashes that would climb out, no file download)."""
    page_parts = urlsplit(page)
    if host != (page_parts.hostname or "").lower() or "\\" in path or "%2" in path.lower():
        return False
    segments = path.split("/")
    if any(segment in (".", "..") for segment in segments):
        return False
    lowered = path.lower().rstrip("/") + "/"
    if any(marker in lowered for marker in DOWNLOAD_PATHS):
        return False
    return lowered.startswith(page_parts.path.lower())
