"""Letters: short codes to type in, and the print room's batches and PDF.

A letter cannot carry a link to click, so one with a personal link (a survey invitation,
say) also gets a short code: the resident types it in at /code/ and lands on their link.
The code is part of the letter's words (templates include messages/messaging/letter_code.txt),
so a letter sent through GOV.UK Notify carries it just as one printed in-house does.
"""

import io
import secrets
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from reportlab.lib.units import mm

from engagement.dates import date_text
from engagement.links import site_url
from engagement.messaging.models import LetterCode, LetterToPrint, Message, PrintBatch
from engagement.qr_codes import qr_code_modules

# No 0/O, 1/I/L or 5/S: codes are read off paper and typed in.
CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"
CODE_LENGTH = 8
EXAMPLE_CODE = "ABCD 2346"
# The words every letter with a personal link includes: where to go, the code, and the link itself.
LETTER_CODE_WORDS = "messages/messaging/letter_code.txt"
# One batch is what one person can print, fold and envelope in a sitting.
PRINT_BATCH_SIZE = 500


def letter_code_context(message: Message | None, personalisation: dict) -> dict:
    """For a letter with a personal `link`: its short code and where to type it in (an example, to preview one)."""
    link = personalisation.get("link")
    if not link:
        return {}
    code = format_code(letter_code_for(message, link).code) if message else EXAMPLE_CODE
    return {"letter_code": code, "letter_code_url": site_url("letter_code")}


def letter_code_for(message: Message, url: str) -> LetterCode:
    while True:
        try:
            with transaction.atomic():
                return LetterCode.objects.get_or_create(message=message, defaults={"url": url, "code": new_code()})[0]
        except IntegrityError:  # the code drawn is another letter's: draw again
            continue


def new_code(length: int = CODE_LENGTH) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def format_code(code: str) -> str:
    """In groups of four, as it is printed: "ABCD 2346"."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_code(typed: str) -> str:
    # However it is typed: "abcd 2346", "ABCD-2346", "ABCD2346".
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def letter_code_find(*, typed: str) -> LetterCode | None:
    code = normalise_code(typed)
    if len(code) != CODE_LENGTH:
        return None
    return LetterCode.objects.filter(code=code).first()


@transaction.atomic
def print_batch_create(*, officer, size: int = PRINT_BATCH_SIZE) -> PrintBatch | None:
    """Put the oldest letters not yet in a batch into a new one. None if there are none."""
    ids = list(
        LetterToPrint.objects.select_for_update(skip_locked=True)
        .filter(print_batch__isnull=True)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:size]
    )
    if not ids:
        return None
    batch = PrintBatch.objects.create(created_by=officer)
    LetterToPrint.objects.filter(pk__in=ids).update(print_batch=batch)
    return batch


@transaction.atomic
def print_batch_mark_printed(*, batch: PrintBatch, officer) -> int:
    """The print room has printed and posted the batch. Returns how many letters it held."""
    now = timezone.now()
    if batch.printed_at is None:
        batch.printed_at, batch.printed_by = now, officer
        batch.save(update_fields=["printed_at", "printed_by"])
    return batch.letters.filter(printed_at__isnull=True).update(printed_at=now)


@dataclass(frozen=True)
class LetterLayout:
    """Type sizes (points) and where the letter starts: one layout for standard print, one for large print."""

    body: float
    leading: float
    heading: float
    letterhead: float
    address: float
    reference: float
    # Large print puts the council's details below the address: at large sizes they would run into it.
    letterhead_beside_address: bool


STANDARD_PRINT = LetterLayout(
    body=11, leading=15, heading=12, letterhead=10, address=11, reference=8, letterhead_beside_address=True
)
# UKAAF's minimum standards for large print (G003, "Creating clear print and large print documents",
# and MS03): text at least 16 point, ideally 18, in a sans serif face; page numbers and labels ideally
# the size of the body text; a blank line between paragraphs. So 18 point throughout, with the address
# at the 16 point minimum so that it still fits a DL envelope's window.
LARGE_PRINT = LetterLayout(
    body=18, leading=24, heading=18, letterhead=18, address=16, reference=16, letterhead_beside_address=False
)


LARGE_PRINT_NEED = "large_print"  # the access need's code (engagement/reference_data.py)


def resident_wants_large_print(resident) -> bool:
    """Whether the resident's access needs say large print (their letters are printed in it)."""
    return resident is not None and resident.access_needs.filter(code=LARGE_PRINT_NEED).exists()


# How far down the first page (from its top) a letter's words start, at the highest.
BODY_STARTS = 95 * mm
_NO_PADDING = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}


def print_batch_pdf(batch: PrintBatch) -> bytes:
    """The batch as one PDF, a letter a page (more in large print), addressed for a window envelope."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Frame, Paragraph, Spacer

    regular, bold = _fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(f"Print batch {batch.pk}")
    width, height = A4
    # The council's details head every letter: where to write, whom to phone and when.
    letterhead = [
        settings.SERVICE_NAME,
        *settings.COUNCIL_ADDRESS,
        f"Phone {settings.COUNCIL_PHONE}",
        settings.COUNCIL_OPENING_HOURS,
    ]
    for letter in batch.letters.select_related("message__letter_code").order_by("created_at", "pk"):
        layout = LARGE_PRINT if letter.large_print else STANDARD_PRINT
        body = ParagraphStyle("body", fontName=regular, fontSize=layout.body, leading=layout.leading)
        story = []
        canvas.setFont(bold, layout.heading)
        canvas.drawRightString(width - 20 * mm, height - 20 * mm, settings.COUNCIL_NAME)
        details = [*letterhead, date_text(letter.created_at)]
        # The QR code goes on the right beside the address, outside the envelope's window: below the
        # council's details where they are there too, so that they stay readable.
        qr_code_top = 42 * mm
        if layout.letterhead_beside_address:
            canvas.setFont(regular, layout.letterhead)
            for number, line in enumerate(details):
                canvas.drawRightString(width - 20 * mm, height - (26 + 4.5 * number) * mm, line)
            qr_code_top = (26 + 4.5 * len(details)) * mm
        else:
            story += [*(Paragraph(escape(line), body) for line in details), Spacer(0, layout.leading)]
        # The address sits where a DL window envelope shows it.
        text = canvas.beginText(25 * mm, height - 50 * mm)
        text.setFont(regular, layout.address, leading=layout.address * 1.2)
        for line in letter.address_lines:
            text.textLine(line)
        canvas.drawText(text)
        qr_code_link = letter.message.personalisation.get("qr_code_link")
        if qr_code_link:
            size = min(32 * mm, BODY_STARTS - 2 * mm - qr_code_top)
            _draw_qr_code(canvas, qr_code_link, right=width - 20 * mm, top=height - qr_code_top, size=size)
        if letter.subject:
            subject = ParagraphStyle("subject", body, fontName=bold, fontSize=layout.heading)
            story += [Paragraph(escape(letter.subject), subject), Spacer(0, 10 * mm - layout.leading)]
        # The code is in the letter's words, as in a letter sent through Notify: printed once, in bold.
        code = getattr(letter.message, "letter_code", None)
        shown_code = format_code(code.code) if code is not None else None
        for paragraph in letter.body.split("\n"):
            style = ParagraphStyle("code", body, fontName=bold) if shown_code and shown_code in paragraph else body
            story.append(Paragraph(escape(paragraph), style) if paragraph.strip() else Spacer(0, layout.leading))
        # The words fill the first page below the address, then as many more pages as they need.
        first_line = min(height - BODY_STARTS, text.getY() - layout.leading)
        while story:
            # A frame's first line sits a type size below its top.
            frame = Frame(25 * mm, 25 * mm, width - 50 * mm, first_line + layout.body - 25 * mm, **_NO_PADDING)
            while story:
                if frame.add(story[0], canvas, trySplit=1):
                    del story[0]
                elif parts := frame.split(story[0], canvas):  # a paragraph runs on over the page
                    story[0:1] = parts
                else:
                    break
            canvas.setFont(regular, layout.reference)
            canvas.drawString(25 * mm, 12 * mm, f"Ref {letter.message.idempotency_key[:60]}")
            canvas.showPage()
            first_line = height - 20 * mm
    canvas.save()
    return buffer.getvalue()


def _draw_qr_code(canvas, link: str, *, right: float, top: float, size: float) -> None:
    modules = qr_code_modules(link)
    cell = size / len(modules)
    left = right - size
    for row_number, row in enumerate(modules):
        for column, dark in enumerate(row):
            if dark:
                canvas.rect(left + column * cell, top - (row_number + 1) * cell, cell, cell, stroke=0, fill=1)


def _fonts() -> tuple[str, str]:
    """DejaVu Sans where the machine has it (names in any alphabet print), else Helvetica (Latin only)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        for name in ("DejaVuSans", "DejaVuSans-Bold"):
            if name not in pdfmetrics.getRegisteredFontNames():
                # Looked for in reportlab's font folders (rl_config.TTFSearchPath), Debian's DejaVu among them.
                pdfmetrics.registerFont(TTFont(name, f"{name}.ttf"))
    except TTFError:
        return "Helvetica", "Helvetica-Bold"
    return "DejaVuSans", "DejaVuSans-Bold"
