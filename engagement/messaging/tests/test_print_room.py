"""Letters for small consultations: printed in-house from a PDF batch, each with a code to type in."""

import re

import pytest

from engagement.messaging.audience import Audience
from engagement.messaging.models import LetterCode, LetterToPrint, PrintBatch
from engagement.messaging.services.bulk import bulk_send_create
from engagement.messaging.tests.conftest import opt_in
from engagement.models import Channel
from engagement.tests.factories import EstateFactory, HomeFactory, ResidentFactory, TenancyFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def letters(db):
    estate = EstateFactory()
    for n in range(3):
        home = HomeFactory(block__estate=estate, address_line_1=f"{n + 1} Żółta Street")
        opt_in(ResidentFactory(email="", user=None, tenancy=TenancyFactory(home=home)), Channel.POST)
    bulk_send_create(
        audience=Audience(estates=[estate.pk]),
        template="engagement.invitation",
        description="Small consultation",
        personalisation={"subject": "Bin store", "body": "Where should the new bin store go?", "link": "http://127.0.0.1:8000/surveys/abc/"},
    )
    return list(LetterToPrint.objects.order_by("pk"))


def test_each_letter_has_its_link_and_a_short_code_to_type_in(letters):
    for letter in letters:
        code = LetterCode.objects.get(message=letter.message)
        assert "http://127.0.0.1:8000/surveys/abc/" in letter.body
        assert f"{code.code[:4]} {code.code[4:]}" in letter.body
        assert "http://127.0.0.1:8000/messages/code/" in letter.body
    assert len({code.code for code in LetterCode.objects.all()}) == 3


def test_the_print_room_downloads_the_next_batch_as_one_page_per_letter_and_marks_it_printed(officer_client, letters):
    listing = officer_client.get("/admin/messaging/printbatch/").content.decode()
    assert "Letters waiting to be printed: 3" in listing

    made = officer_client.post("/admin/messaging/printbatch/next/")
    batch = PrintBatch.objects.get()
    assert made.url == f"/admin/messaging/printbatch/{batch.pk}/change/"
    pdf = officer_client.get(f"/admin/messaging/printbatch/{batch.pk}/letters.pdf")

    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b", pdf.content)) == 3
    officer_client.post(f"/admin/messaging/printbatch/{batch.pk}/printed/")
    batch.refresh_from_db()
    assert batch.printed_at is not None
    assert LetterToPrint.objects.filter(printed_at__isnull=True).count() == 0
    assert "Letters waiting to be printed: 0" in officer_client.get("/admin/messaging/printbatch/").content.decode()


def test_a_batch_holds_only_letters_not_already_in_one(officer, letters):
    from engagement.messaging.services.letters import print_batch_create

    first = print_batch_create(officer=officer, size=2)
    second = print_batch_create(officer=officer, size=2)

    assert first.letters.count() == 2
    assert second.letters.count() == 1
    assert print_batch_create(officer=officer) is None


def test_the_code_from_a_letter_leads_to_its_link(client, letters):
    code = LetterCode.objects.first().code

    response = client.post("/messages/code/", {"code": f"{code[:4].lower()} {code[4:].lower()}"})

    assert response.status_code == 302
    assert response.url == "http://127.0.0.1:8000/surveys/abc/"


def test_a_wrong_code_is_explained_next_to_the_field_and_kept(client, letters, fresh_cache):
    response = client.post("/messages/code/", {"code": "ZZZZ 9999"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter the code exactly as it is on your letter" in page
    assert 'value="ZZZZ 9999"' in page


@pytest.fixture
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_guessing_codes_is_stopped_after_a_few_tries(client, letters, fresh_cache):
    from engagement.messaging.views import LETTER_CODE_TRIES_PER_HOUR

    for _ in range(LETTER_CODE_TRIES_PER_HOUR):
        client.post("/messages/code/", {"code": "ZZZZ 9999"})
    real = LetterCode.objects.first().code

    response = client.post("/messages/code/", {"code": real})

    assert response.status_code == 429
    assert "There have been too many tries" in response.content.decode()
