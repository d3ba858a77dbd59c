"""Render resources/icons/torch-setup-wizard.svg into the Windows icon the spec and installer use.

    .venv/bin/python packaging/windows/make_icon.py [--output PATH]

Writes 16, 32 and 48 px as 32-bit BMP entries (what every Windows shell and resource tool reads)
and 256 px as a PNG entry (the standard for the large size since Windows Vista). Runs headless:
Qt renders offscreen.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SVG = REPO / "resources" / "icons" / "torch-setup-wizard.svg"
ICO = Path(__file__).resolve().parent / "torch-setup-wizard.ico"
BMP_SIZES = (16, 32, 48)
PNG_SIZES = (256,)
ICONDIR = struct.Struct("<HHH")  # reserved, type (1 = icon), image count
ICONDIRENTRY = struct.Struct("<BBBBHHII")  # width, height, colours, reserved, planes, bits per pixel, bytes, offset
BITMAPINFOHEADER = struct.Struct("<IiiHHIIiiII")


def render_rgba(svg: Path, size: int) -> bytes:
    """The SVG drawn at size × size: straight (non-premultiplied) RGBA rows, top row first."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG image Qt can draw")
    image = QImage(size, size, QImage.Format.Format_RGBA8888_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    return bytes(image.constBits())[: size * size * 4]


def png_bytes(rgba: bytes, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage

    image = QImage(rgba, size, size, size * 4, QImage.Format.Format_RGBA8888)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def bmp_entry(rgba: bytes, size: int) -> bytes:
    """An icon's DIB: BITMAPINFOHEADER (height doubled: colour + mask), BGRA rows bottom-up, AND mask."""
    rows = [rgba[y * size * 4 : (y + 1) * size * 4] for y in range(size)]
    pixels = bytearray()
    for row in reversed(rows):
        for x in range(size):
            r, g, b, alpha = row[x * 4 : x * 4 + 4]
            pixels += bytes((b, g, r, alpha))
    mask_row_bytes = ((size + 31) // 32) * 4
    mask = bytearray()
    for row in reversed(rows):
        bits = bytearray(mask_row_bytes)
        for x in range(size):
            if row[x * 4 + 3] == 0:  # fully transparent: set in the AND mask for old 1-bit renderers
                bits[x // 8] |= 0x80 >> (x % 8)
        mask += bits
    header = BITMAPINFOHEADER.pack(BITMAPINFOHEADER.size, size, size * 2, 1, 32, 0, len(pixels) + len(mask), 0, 0, 0, 0)
    return header + bytes(pixels) + bytes(mask)


def ico_bytes(images: list[tuple[int, bytes]]) -> bytes:
    """An ICO file from (size, entry data) pairs, smallest first."""
    offset = ICONDIR.size + ICONDIRENTRY.size * len(images)
    directory, payload = bytearray(ICONDIR.pack(0, 1, len(images))), bytearray()
    for size, data in images:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory += ICONDIRENTRY.pack(side, side, 0, 0, 1, 32, len(data), offset + len(payload))
        payload += data
    return bytes(directory + payload)


def make_icon(svg: Path, output: Path) -> list[int]:
    """Write the ICO; returns the sizes it holds."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    images = [(size, bmp_entry(render_rgba(svg, size), size)) for size in BMP_SIZES]
    images += [(size, png_bytes(render_rgba(svg, size), size)) for size in PNG_SIZES]
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(ico_bytes(images))
    return [size for size, _ in images]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SVG)
    parser.add_argument("--output", type=Path, default=ICO)
    args = parser.parse_args()
    if not args.svg.is_file():
        print(f"make_icon: no SVG at {args.svg}", file=sys.stderr)
        return 2
    try:
        sizes = make_icon(args.svg, args.output)
    except (ValueError, RuntimeError, OSError) as exc:
        print(f"make_icon: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.output} ({', '.join(f'{s}px' for s in sizes)}, {args.output.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
