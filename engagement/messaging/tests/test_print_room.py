"""Letters for small consultations: printed in-house from a PDF batch, each with a code to type in at /code/."""

import re

import pytest
from django.core import checks

from engagement.messaging import registry
from engagement.messaging.audience import Audience
from engagement.messaging.models import LetterCode, LetterToPrint, PrintBatch
from engagement.messaging.services.bulk import bulk_send_create
from engagement.messaging.services.letters import print_batch_create, print_batch_pdf
from engagement.messaging.tests.conftest import opt_in, printed_words
from engagement.models import Channel, Purpose
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
        personalisation={
            "subject": "Bin store",
            "body": "Where should the new bin store go?",
            "link": "http://127.0.0.1:8000/surveys/abc/",
        },
    )
    return list(LetterToPrint.objects.order_by("pk"))


def test_each_letter_has_its_link_and_a_short_code_to_type_in(letters):
    for letter in letters:
        code = LetterCode.objects.get(message=letter.message)
        assert "1. Go to http://127.0.0.1:8000/code/\n" in letter.body
        assert f"2. Type in this code: {code.code[:4]} {code.code[4:]}\n" in letter.body
        assert "Or type in the whole link: http://127.0.0.1:8000/surveys/abc/" in letter.body
    assert len({code.code for code in LetterCode.objects.all()}) == 3


def test_the_pdf_prints_each_code_once_in_bold_in_the_letters_words(officer, letters, monkeypatch):
    printed = printed_words(monkeypatch)

    print_batch_pdf(print_batch_create(officer=officer))

    for code in LetterCode.objects.all():
        shown = f"{code.code[:4]} {code.code[4:]}"
        [(font, line)] = [(font, line) for font, _size, line in printed if shown in line]
        assert line == f"2. Type in this code: {shown}" and font.endswith("Bold")
    assert all(
        not font.endswith("Bold") for font, _size, line in printed if "Where should the new bin store go?" in line
    )


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
    first = print_batch_create(officer=officer, size=2)
    second = print_batch_create(officer=officer, size=2)

    assert first.letters.count() == 2
    assert second.letters.count() == 1
    assert print_batch_create(officer=officer) is None


def test_the_code_from_a_letter_leads_to_its_link(client, letters):
    code = LetterCode.objects.first().code

    response = client.post("/code/", {"code": f"{code[:4].lower()} {code[4:].lower()}"})

    assert response.status_code == 302
    assert response.url == "/surveys/abc/"


@pytest.mark.parametrize("typed", ["{}{}", "{} {}", " {}-{} ", "{}.{}"])
def test_a_code_is_found_however_it_is_typed(client, letters, typed):
    code = LetterCode.objects.first().code

    response = client.post("/code/", {"code": typed.format(code[:4].lower(), code[4:])})

    assert response.status_code == 302 and response.url == "/surveys/abc/"


def test_the_address_the_code_page_had_before_leads_to_it(client):
    assert client.get("/messages/code/").url == "/code/"


def test_a_wrong_code_is_explained_next_to_the_field_and_kept(client, letters, fresh_cache):
    response = client.post("/code/", {"code": "ZZZZ 9999"})

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
    from engagement.messaging.views import WRONG_LETTER_CODES

    for _ in range(WRONG_LETTER_CODES.per_hour):
        assert client.post("/code/", {"code": "ZZZZ 9999"}).status_code == 200
    real = LetterCode.objects.first().code

    response = client.post("/code/", {"code": real})

    assert response.status_code == 429
    assert "There have been too many tries" in response.content.decode()


def test_a_letter_that_prints_a_personal_link_without_its_code_fails_the_system_check(monkeypatch, settings, tmp_path):
    template_dir = tmp_path / "messages" / "testing" / "codeless"
    template_dir.mkdir(parents=True)
    (template_dir / "subject.txt").write_text("Hello")
    (template_dir / "letter.txt").write_text("Type in {{ link }} if you can.")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    monkeypatch.setitem(
        registry._types, "testing.codeless", registry.MessageType("testing.codeless", Purpose.SERVICE, "test")
    )

    problems = [problem for problem in checks.run_checks() if problem.id.startswith("messaging.")]

    assert [problem.id for problem in problems] == ["messaging.E003"]
    assert "testing/codeless/letter.txt" in problems[0].msg


def test_behind_the_load_balancer_one_residents_wrong_tries_do_not_stop_another(client, letters, fresh_cache, settings):
    from engagement.messaging.views import WRONG_LETTER_CODES

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for _ in range(WRONG_LETTER_CODES.per_hour):
        client.post("/code/", {"code": "ZZZZ 9999"}, HTTP_X_FORWARDED_FOR="203.0.113.7")
    real = LetterCode.objects.first().code

    stopped = client.post("/code/", {"code": real}, HTTP_X_FORWARDED_FOR="203.0.113.7")
    neighbour = client.post("/code/", {"code": real}, HTTP_X_FORWARDED_FOR="198.51.100.20")

    assert stopped.status_code == 429
    assert neighbour.status_code == 302 and neighbour.url == "/surveys/abc/"
