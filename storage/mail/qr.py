"""QR codes of eSIM activation codes: PNG for e-mails, SVG for pages."""

from io import BytesIO
from typing import Any

import qrcode
from qrcode.image.svg import SvgPathImage

# M restores up to 15 % of damaged modules (a creased print, a glare on a screen); the quiet
# zone of 4 modules is the minimum the QR standard asks for around the code.
ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_M
QUIET_ZONE = 4


def _qr(text: str, box_size: int) -> "qrcode.QRCode[Any]":
    code = qrcode.QRCode(error_correction=ERROR_CORRECTION, box_size=box_size, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=True)
    return code


def qr_png(text: str, box_size: int = 6) -> bytes:
    """A black-on-white PNG of `text` (about 250 px for an activation code)."""
    buffer = BytesIO()
    _qr(text, box_size).make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def qr_svg(text: str) -> str:
    """An SVG document of `text` (1 mm a module; its viewBox lets the page scale it)."""
    svg = _qr(text, 10).make_image(image_factory=SvgPathImage)
    return str(svg.to_string(encoding="unicode"))
