import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from engagement.messaging.tests.fixtures import notify_stub  # noqa: F401  (the fake Notify)
from engagement.models import Channel, ConsentSource, Purpose
from engagement.services.consent import consent_record
from engagement.tests.factories import ResidentFactory


def opt_in(resident, *channels, purpose=Purpose.ENGAGEMENT, given=True):
    for channel in channels:
        consent_record(resident, channel=channel, purpose=purpose, given=given, source=ConsentSource.ACCOUNT)
    return resident


def printed_words(monkeypatch) -> list[tuple[str, float, str]]:
    """(font, size, words) of everything a print-room PDF made from now on prints: the canvas's lines and paragraphs."""
    printed = []

    def draw(canvas, x, y, text, *args, **kwargs):
        printed.append((canvas._fontname, canvas._fontsize, text))

    def draw_paragraph(paragraph, canvas, x, y, *args, **kwargs):
        printed.append((paragraph.style.fontName, paragraph.style.fontSize, paragraph.getPlainText()))

    for name in ("drawString", "drawRightString"):
        monkeypatch.setattr(Canvas, name, draw)
    monkeypatch.setattr(Paragraph, "drawOn", draw_paragraph)
    return printed


@pytest.fixture
def engaged_resident(db):
    """A resident who asked for surveys and invitations by email and text."""
    return opt_in(ResidentFactory(first_name="Esther", mobile="+447700900123"), Channel.EMAIL, Channel.TEXT)
