"""HTTP for the index reader: one GET with connect/read timeouts, a size cap, a hard deadline, pip's proxy and
certificates. Errors come back as short texts with any credentials removed."""

from __future__ import annotations

import base64
import contextlib
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from wizard.index.netconfig import NetSettings
from wizard.index.urls import without_credentials

MAX_PAGE_BYTES = 32 * 1024 * 1024  # the cpu torch page of download.pytorch.org is a few MB
MAX_METADATA_BYTES = 1024 * 1024
_CHUNK = 64 * 1024
_USERINFO = re.compile(r"(?<=://)[^/@\s]+@")


@dataclass(frozen=True)
class Response:
    status: int  # HTTP status; 0 when no answer came (error says why)
    body: bytes = b""
    content_type: str = ""
    url: str = ""  # final URL after redirects, without credentials
    error: str = ""  # "" on success; "timed out", "connection refused", "HTTP 404" ...

    @property
    def ok(self) -> bool:
        return self.status == 200 and not self.error


def _userinfo(url: str) -> str:
    netloc = urlsplit(url).netloc
    return unquote(netloc.rsplit("@", 1)[0]) if "@" in netloc else ""


def scrub(text: str) -> str:
    return _USERINFO.sub("", text)


def build_opener(settings: NetSettings) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = [urllib.request.HTTPSHandler(context=_ssl_context(settings))]
    if settings.proxy:
        proxy = settings.proxy if "://" in settings.proxy else f"http://{settings.proxy}"
        handlers.append(urllib.request.ProxyHandler({"http": proxy, "https": proxy}))
    # Without a pip proxy, urllib's default ProxyHandler reads HTTP(S)_PROXY / NO_PROXY like pip's requests does.
    return urllib.request.build_opener(*handlers)


def _ssl_context(settings: NetSettings) -> ssl.SSLContext:
    try:
        context = ssl.create_default_context(cafile=settings.cert or None)
    except (OSError, ssl.SSLError):
        context = ssl.create_default_context()
    if settings.client_cert:
        with contextlib.suppress(OSError, ssl.SSLError):  # the request then fails with the server's answer
            context.load_cert_chain(settings.client_cert)
    return context


def get(
    opener: urllib.request.OpenerDirector,
    url: str,
    *,
    accept: str = "*/*",
    timeout: float = 3.0,
    deadline: float | None = None,
    limit: int = MAX_PAGE_BYTES,
) -> Response:
    """GET ``url``; never raises, never outlives ``deadline`` (time.monotonic()) by more than one read timeout."""
    safe_url = without_credentials(url)
    request = urllib.request.Request(safe_url, headers={"Accept": accept, "User-Agent": "torch-setup-wizard"})
    credentials = _userinfo(url)
    if credentials:  # like pip: user:password@ in an index URL is HTTP Basic auth, sent to that host only
        request.add_unredirected_header("Authorization", "Basic " + base64.b64encode(credentials.encode()).decode())
    try:
        with opener.open(request, timeout=timeout) as answer:
            body = _read_bounded(answer, limit, deadline)
            return Response(answer.status, body, answer.headers.get("Content-Type", ""), without_credentials(answer.url))
    except urllib.error.HTTPError as exc:
        return Response(exc.code, url=safe_url, error=f"HTTP {exc.code}")
    except TimeoutError:
        return Response(0, url=safe_url, error="timed out")
    except urllib.error.URLError as exc:
        return Response(0, url=safe_url, error=scrub(_reason(exc.reason)))
    except (OSError, ValueError, ssl.SSLError, http_errors()) as exc:
        return Response(0, url=safe_url, error=scrub(_reason(exc)))


def http_errors() -> type[Exception]:
    import http.client

    return http.client.HTTPException


def _reason(reason: object) -> str:
    if isinstance(reason, socket.timeout | TimeoutError):
        return "timed out"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "host name not found"
    return str(reason)[:200] or type(reason).__name__


class _TooSlow(TimeoutError):
    pass


def _read_bounded(answer, limit: int, deadline: float | None) -> bytes:
    chunks, size = [], 0
    while True:
        if deadline is not None and time.monotonic() > deadline:
            raise _TooSlow("timed out")
        chunk = answer.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise ValueError(f"answer larger than {limit // (1024 * 1024)} MB")
        chunks.append(chunk)
