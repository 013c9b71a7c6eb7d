"""Printed letters carry their subject and the council's contact details, from settings."""

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from engagement.messaging import registry
from engagement.messaging.audience import Audience
from engagement.messaging.models import LetterToPrint, PrintBatch
from engagement.messaging.services.bulk import bulk_send_create
from engagement.messaging.tests.conftest import opt_in, printed_words
from engagement.models import Channel
from engagement.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(settings):
    settings.COUNCIL_PHONE = "020 7946 0999"
    settings.COUNCIL_ADDRESS = ["Community relations", "Laurence House", "London", "SE6 4RU"]
    settings.COUNCIL_OPENING_HOURS = "Monday to Friday, 9am to 5pm"


def test_the_printed_letter_has_the_subject_the_preview_shows_and_the_councils_details(
    officer_client, council, monkeypatch, django_capture_on_commit_callbacks
):
    resident = opt_in(ResidentFactory(email="", user=None), Channel.POST)
    with django_capture_on_commit_callbacks(execute=True):
        bulk_send_create(
            audience=Audience(estates=[resident.tenancy.home.block.estate_id]),
            template="engagement.invitation",
            description="Bin stores",
            personalisation={"subject": "Where should the bin store go?", "body": "Tell us by Friday.", "link": ""},
        )
    printed = printed_words(monkeypatch)
    officer_client.post("/admin/messaging/printbatch/next/")
    pdf = officer_client.get(f"/admin/messaging/printbatch/{PrintBatch.objects.get().pk}/letters.pdf")

    assert pdf.status_code == 200
    lines = [text for _font, _size, text in printed]
    assert [font for font, _size, text in printed if text == "Where should the bin store go?"] in (
        ["DejaVuSans-Bold"],
        ["Helvetica-Bold"],
    )
    assert {"Laurence House", "SE6 4RU", "Phone 020 7946 0999", "Monday to Friday, 9am to 5pm"} <= set(lines)
    body = LetterToPrint.objects.get().body
    assert (
        "tell us at http://127.0.0.1:8000/contact-us/, by phone on 020 7946 0999 (Monday to Friday, 9am to 5pm) "
        "or by post to Community relations, Laurence House, London, SE6 4RU." in body
    )


def test_no_letter_says_by_phone_without_the_number():
    for message_type in registry.all_types():
        try:
            source = get_template(registry.template_path(message_type.key, Channel.POST)).template.source
        except TemplateDoesNotExist:
            continue
        assert "or by phone." not in source, message_type.key
