"""Letters to residents whose access needs say large print are printed in large print (UKAAF: 16pt+, ideally 18)."""

import re

import pytest

from engagement.messaging.audience import Audience
from engagement.messaging.models import LetterToPrint, PrintBatch
from engagement.messaging.services.bulk import bulk_send_create
from engagement.messaging.tests.conftest import opt_in, printed_words
from engagement.messaging.tests.test_notify import invite
from engagement.models import AccessNeed, Channel
from engagement.reference_data import ensure_reference_data
from engagement.tests.factories import EstateFactory, HomeFactory, ResidentFactory, TenancyFactory


def _letter_reader(estate, *, surname, large_print):
    home = HomeFactory(block__estate=estate)
    resident = opt_in(
        ResidentFactory(email="", user=None, last_name=surname, tenancy=TenancyFactory(home=home)), Channel.POST
    )
    if large_print:
        resident.access_needs.add(AccessNeed.objects.get(code="large_print"))
    return resident


@pytest.mark.django_db
def test_the_print_room_batch_prints_a_large_print_residents_letter_at_18_point_and_others_as_usual(
    officer_client, monkeypatch, django_capture_on_commit_callbacks
):
    ensure_reference_data()
    estate = EstateFactory()
    _letter_reader(estate, surname="Large", large_print=True)
    _letter_reader(estate, surname="Standard", large_print=False)
    long_body = "\n".join(f"Paragraph {n}: where should the new bin store go on the estate?" for n in range(30))
    with django_capture_on_commit_callbacks(execute=True):
        bulk_send_create(
            audience=Audience(estates=[estate.pk]),
            template="engagement.invitation",
            description="Bin stores",
            personalisation={"subject": "Bin store", "body": long_body, "link": ""},
        )
    assert {letter.address_lines[0].split()[-1]: letter.large_print for letter in LetterToPrint.objects.all()} == {
        "Large": True,
        "Standard": False,
    }
    printed = printed_words(monkeypatch)
    officer_client.post("/admin/messaging/printbatch/next/")
    pdf = officer_client.get(f"/admin/messaging/printbatch/{PrintBatch.objects.get().pk}/letters.pdf").content

    sizes = {}
    for _font, size, text in printed:
        if text.startswith("Paragraph 0") or text == "Bin store":
            sizes.setdefault(text[:11], []).append(size)
    # Each letter's first paragraph and subject: once at 18 point (large print), once at the usual size.
    assert sorted(sizes["Paragraph 0"]) == [11, 18]
    assert sorted(sizes["Bin store"]) == [12, 18]
    large_print_lines = [size for _font, size, text in printed if size >= 16]
    assert large_print_lines and all(size in (16, 18) for size in large_print_lines)
    # The large print letter runs to more pages, each with the reference; the standard one fits on one.
    assert len(re.findall(rb"/Type /Page\b", pdf)) >= 3
    assert sum(text.startswith("Ref ") and size == 16 for _font, size, text in printed) >= 2


@pytest.mark.django_db(transaction=True)
def test_when_letters_go_through_notify_a_large_print_letter_is_printed_in_house(notify_stub):
    ensure_reference_data()
    estate = EstateFactory()
    large = _letter_reader(estate, surname="Large", large_print=True)
    standard = _letter_reader(estate, surname="Standard", large_print=False)

    invite(large, key="invitation:large")
    invite(standard, key="invitation:standard")

    assert notify_stub.sent_to("invitation:large") == []
    assert len(notify_stub.sent_to("invitation:standard")) == 1
    letter = LetterToPrint.objects.get()
    assert letter.message.resident == large and letter.large_print


@pytest.mark.django_db
def test_every_letter_says_how_to_get_it_in_another_language_or_format(django_capture_on_commit_callbacks, settings):
    settings.COUNCIL_PHONE = "020 7946 0999"
    estate = EstateFactory()
    _letter_reader(estate, surname="Reader", large_print=False)
    with django_capture_on_commit_callbacks(execute=True):
        bulk_send_create(
            audience=Audience(estates=[estate.pk]),
            template="engagement.invitation",
            description="Bin stores",
            personalisation={"subject": "Bin store", "body": "Where should it go?", "link": ""},
        )
    assert LetterToPrint.objects.get().body.endswith(
        "To get this letter in another language, large print, easy read, audio or braille, "
        "go to http://127.0.0.1:8000/other-formats/ or phone 020 7946 0999."
    )
