"""QR codes for a link printed on paper or shown on a screen (a booking's check-in link, say), drawn by segno.

One code, three forms: SVG to put inline in a page (markup only, so the Content-Security-Policy has
nothing to allow), PNG for an email, and the grid of modules for drawing into a PDF letter.
"""

import io

import segno

# M recovers from about 15% damage: enough for a folded letter or a cracked phone screen.
ERROR_CORRECTION = "m"


def _make(link: str):
    return segno.make(link, error=ERROR_CORRECTION, micro=False)


def qr_code_svg(link: str, *, title: str, scale: int = 4) -> str:
    return _make(link).svg_inline(scale=scale, title=title, svgclass="rv-qr-code", lineclass=None)


def qr_code_png(link: str, *, scale: int = 6) -> bytes:
    buffer = io.BytesIO()
    _make(link).save(buffer, kind="png", scale=scale)
    return buffer.getvalue()


def qr_code_modules(link: str) -> list[list[bool]]:
    """Rows of dark (True) and light modules, the quiet zone around them included."""
    return [[bool(module) for module in row] for row in _make(link).matrix_iter(scale=1, border=4)]
