"""A tiny HTTP forward proxy on 127.0.0.1 that wants Basic proxy credentials (407 without them), for tests of the
index reader and of pip behind an authenticating proxy. Plain http targets only (the local index)."""

from __future__ import annotations

import base64
import http.server
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field


@dataclass
class AuthProxy:
    user: str = "student"
    password: str = "s3cret-Pa55"
    port: int = 0
    seen: list[str] = field(default_factory=list)  # absolute URLs forwarded
    refused: int = 0
    _server: http.server.ThreadingHTTPServer | None = None

    @property
    def url_with_credentials(self) -> str:
        return f"http://{self.user}:{self.password}@127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> AuthProxy:
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, name="auth-proxy", daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def _handler(proxy: AuthProxy) -> type[http.server.BaseHTTPRequestHandler]:
    expected = "Basic " + base64.b64encode(f"{proxy.user}:{proxy.password}".encode()).decode()
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            if self.headers.get("Proxy-Authorization") != expected:
                proxy.refused += 1
                self._send(407, b"proxy credentials needed", {"Proxy-Authenticate": 'Basic realm="tests"'})
                return
            if not self.path.startswith("http://"):
                self._send(400, b"absolute http URL expected", {})
                return
            proxy.seen.append(self.path)
            request = urllib.request.Request(self.path, headers={"Accept": self.headers.get("Accept", "*/*")})
            try:
                with direct.open(request, timeout=30) as answer:
                    self._send(answer.status, answer.read(), {"Content-Type": answer.headers.get("Content-Type", "")})
            except urllib.error.HTTPError as exc:
                self._send(exc.code, exc.read(), {"Content-Type": "text/plain"})

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler
