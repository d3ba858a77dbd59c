"""Parse simple-repository project pages: PEP 691 JSON or PEP 503 HTML (with PEP 658/714 metadata flags).

Pure functions over bytes already read; the network lives in wizard.index.fetch.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

JSON_TYPE = "application/vnd.pypi.simple.v1+json"
ACCEPT = f"{JSON_TYPE}, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01"


class PageError(ValueError):
    """The page is neither a PEP 691 JSON nor a PEP 503 HTML project page."""


@dataclass(frozen=True)
class Link:
    filename: str
    url: str  # absolute, fragment removed
    has_metadata: bool = False  # PEP 658: <url>.metadata is served
    yanked: bool = False


def parse_project_page(body: bytes, content_type: str, page_url: str) -> list[Link]:
    """Every file link of a project page; the content type decides between JSON and HTML."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == JSON_TYPE or kind.endswith("+json") or kind == "application/json":
        return _parse_json(body, page_url)
    return _parse_html(body, page_url)


def _parse_json(body: bytes, page_url: str) -> list[Link]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise PageError(f"invalid JSON project page: {exc}") from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        raise PageError("JSON project page without a 'files' list")
    links = []
    for item in files:
        if not isinstance(item, dict) or not isinstance(item.get("filename"), str) or not isinstance(item.get("url"), str):
            continue
        metadata = item.get("core-metadata", item.get("dist-info-metadata", False))
        links.append(Link(
            filename=item["filename"],
            url=_absolute(page_url, item["url"]),
            has_metadata=bool(metadata),
            yanked=bool(item.get("yanked", False)),
        ))
    return links


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[tuple[dict[str, str | None], str]] = []
        self._open: dict[str, str | None] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._open, self._text = dict(attrs), []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            self.anchors.append((self._open, "".join(self._text).strip()))
            self._open = None


def _parse_html(body: bytes, page_url: str) -> list[Link]:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PageError(f"project page is not UTF-8: {exc}") from None
    parser = _Anchors()
    parser.feed(text)
    parser.close()
    links = []
    for attrs, label in parser.anchors:
        href = attrs.get("href")
        if not href:
            continue
        url = _absolute(page_url, href)
        filename = urlsplit(url).path.rsplit("/", 1)[-1] or label
        metadata = attrs.get("data-core-metadata", attrs.get("data-dist-info-metadata"))
        links.append(Link(
            filename=_unquote(filename),
            url=url,
            has_metadata=metadata is not None and metadata.strip().lower() != "false",
            yanked="data-yanked" in attrs,
        ))
    return links


def _absolute(page_url: str, href: str) -> str:
    return urljoin(page_url, href).split("#", 1)[0]


def _unquote(name: str) -> str:
    from urllib.parse import unquote

    return unquote(name)


def requires_dist(metadata: bytes) -> tuple[str, ...]:
    """The Requires-Dist lines of core metadata (RFC 822 style headers, before the body)."""
    text = metadata.decode("utf-8", errors="replace")
    header = text.split("\n\n", 1)[0]
    return tuple(line.split(":", 1)[1].strip() for line in header.splitlines() if line.lower().startswith("requires-dist:"))
