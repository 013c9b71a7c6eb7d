"""Letters: short codes to type in, and the print room's batches and PDF.

A letter cannot carry a link to click, so one with a personal link (a survey invitation,
say) also gets a short code: the resident types it in at /code/ and lands on their link.
The code is part of the letter's words (templates include messages/messaging/letter_code.txt),
so a letter sent through GOV.UK Notify carries it just as one printed in-house does.
"""

import io
import secrets
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

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


def letter_code_url() -> str:
    return site_url("letter_code")


def letter_code_context(message: Message, personalisation: dict) -> dict:
    """For a letter with a personal `link`: its short code and where to type it in."""
    link = personalisation.get("link")
    if not link:
        return {}
    code = letter_code_for(message, link)
    return {"letter_code": format_code(code.code), "letter_code_url": letter_code_url()}


def letter_code_example(personalisation: dict) -> dict:
    """What letter_code_context adds, for a preview of a letter before anything is sent."""
    return {"letter_code": EXAMPLE_CODE, "letter_code_url": letter_code_url()} if personalisation.get("link") else {}


def letter_code_for(message: Message, url: str) -> LetterCode:
    while True:
        try:
            with transaction.atomic():
                return LetterCode.objects.get_or_create(message=message, defaults={"url": url, "code": _new_code()})[0]
        except IntegrityError:  # the code drawn is another letter's: draw again
            continue


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    return f"{code[:4]} {code[4:]}"


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


def print_batch_pdf(batch: PrintBatch) -> bytes:
    """The batch as one PDF, one letter a page, addressed for a window envelope."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    letters = list(batch.letters.select_related("message__letter_code").order_by("created_at", "pk"))
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
    for letter in letters:
        canvas.setFont(bold, 12)
        canvas.drawRightString(width - 20 * mm, height - 20 * mm, settings.COUNCIL_NAME)
        canvas.setFont(regular, 10)
        for number, line in enumerate([*letterhead, date_text(letter.created_at)]):
            canvas.drawRightString(width - 20 * mm, height - (26 + 4.5 * number) * mm, line)
        # The address sits where a DL window envelope shows it.
        text = canvas.beginText(25 * mm, height - 50 * mm)
        text.setFont(regular, 11)
        for line in letter.address_lines:
            text.textLine(line)
        canvas.drawText(text)
        # The code is in the letter's words, as in a letter sent through Notify: printed once, in bold.
        code = getattr(letter.message, "letter_code", None)
        top = height - 95 * mm
        if letter.subject:
            canvas.setFont(bold, 12)
            canvas.drawString(25 * mm, top, letter.subject)
            top -= 10 * mm
        _draw_paragraphs(
            canvas,
            letter.body,
            at=(25 * mm, top),
            width=width - 50 * mm,
            fonts=(regular, bold),
            bold_if_it_has=format_code(code.code) if code is not None else None,
        )
        qr_code_link = letter.message.personalisation.get("qr_code_link")
        if qr_code_link:
            # Beside the address, outside the envelope's window.
            _draw_qr_code(canvas, qr_code_link, right=width - 20 * mm, top=height - 42 * mm, size=32 * mm)
        canvas.setFont(regular, 8)
        canvas.drawString(25 * mm, 12 * mm, f"Ref {letter.message.idempotency_key[:60]}")
        canvas.showPage()
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


def _draw_paragraphs(canvas, body: str, *, at, width, fonts, bold_if_it_has: str | None) -> None:
    from reportlab.lib.utils import simpleSplit

    (x, y), size, leading = at, 11, 15
    for paragraph in body.split("\n"):
        font = fonts[1] if bold_if_it_has and bold_if_it_has in paragraph else fonts[0]
        for line in simpleSplit(paragraph, font, size, width) or [""]:
            canvas.setFont(font, size)
            canvas.drawString(x, y, line)
            y -= leading


_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _fonts() -> tuple[str, str]:
    """DejaVu Sans where the machine has it (names in any alphabet print), else Helvetica (Latin only)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = _DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        return "Helvetica", "Helvetica-Bold"
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
    return "DejaVuSans", "DejaVuSans-Bold"
