"""Parsing simple-repository pages: PEP 503 HTML and PEP 691 JSON as the local index (and PyPI) serve them."""

from __future__ import annotations

import json

import pytest

from wizard.index.simple import PageError, parse_project_page, requires_dist

PAGE = "https://mirror.example/whl/cu130/torch/"


def test_html_links_with_metadata_and_yanked_flags():
    body = (
        b'<!DOCTYPE html><html><body>\n'
        b'<a href="/whl/cu130/torch-2.17.0%2Bcu130-cp311-cp311-manylinux_2_28_x86_64.whl#sha256=ab" '
        b'data-dist-info-metadata="sha256=cd" data-core-metadata="sha256=cd">torch-2.17.0+cu130-cp311-cp311-manylinux_2_28_x86_64.whl</a><br/>\n'
        b'<a href="torch-2.16.0+cu130-cp311-cp311-win_amd64.whl" data-yanked="">torch-2.16.0+cu130-cp311-cp311-win_amd64.whl</a>\n'
        b'</body></html>'
    )
    first, second = parse_project_page(body, "text/html; charset=utf-8", PAGE)
    assert first.filename == "torch-2.17.0+cu130-cp311-cp311-manylinux_2_28_x86_64.whl"
    assert first.url == "https://mirror.example/whl/cu130/torch-2.17.0%2Bcu130-cp311-cp311-manylinux_2_28_x86_64.whl"
    assert first.has_metadata and not first.yanked
    assert second.url == PAGE + "torch-2.16.0+cu130-cp311-cp311-win_amd64.whl"
    assert second.yanked and not second.has_metadata


def test_pep_691_json_page():
    body = json.dumps({"meta": {"api-version": "1.1"}, "name": "torch", "files": [
        {"filename": "torch-2.17.0+cpu-cp312-cp312-manylinux_2_28_x86_64.whl", "url": "../../files/t.whl",
         "hashes": {}, "core-metadata": {"sha256": "00"}},
        {"filename": "torch-2.17.0+cpu-cp312-cp312-win_amd64.whl", "url": "https://cdn.example/t2.whl", "hashes": {},
         "yanked": "broken"},
        {"filename": 3, "url": "x"},  # malformed entries are skipped, not fatal
    ]}).encode()
    links = parse_project_page(body, "application/vnd.pypi.simple.v1+json", PAGE)
    assert [(link.url, link.has_metadata, link.yanked) for link in links] == [
        ("https://mirror.example/whl/files/t.whl", True, False),
        ("https://cdn.example/t2.whl", False, True),
    ]


@pytest.mark.parametrize(("body", "content_type"), [
    (b"{not json", "application/vnd.pypi.simple.v1+json"),
    (b'{"files": 3}', "application/vnd.pypi.simple.v1+json"),
    (b"\xff\xfe<html>", "text/html"),
])
def test_a_page_that_is_neither_is_a_clear_error(body, content_type):
    with pytest.raises(PageError):
        parse_project_page(body, content_type, PAGE)


def test_requires_dist_reads_only_the_headers():
    metadata = (b"Metadata-Version: 2.1\nName: torch\nVersion: 2.17.0+cu130\n"
                b"Requires-Dist: nvidia-cuda-runtime-cu13==13.0.96; platform_system == \"Linux\"\n"
                b"Requires-Dist: filelock\n\nRequires-Dist: not a header, the long description\n")
    assert requires_dist(metadata) == ('nvidia-cuda-runtime-cu13==13.0.96; platform_system == "Linux"', "filelock")
