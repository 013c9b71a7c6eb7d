"""Every link we send comes from SITE_URL, whatever port the portal runs on (tried with 8101, not 8000):
emails, texts, letters, calendar files, Google and Outlook calendar links, and the survey's own link."""

import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from engagement.messaging.models import DevelopmentText, LetterToPrint
from engagement.models import Channel
from engagement.tests.factories import ResidentFactory, UserFactory
from events.services.bookings import booking_create
from events.tests.factories import EventFactory
from surveys.models import Invitation, Question
from surveys.services.answering import response_for_token, response_submit
from surveys.services.invitations import survey_invite
from surveys.tests.factories import SurveyFactory, add_question, opted_in_resident

pytestmark = pytest.mark.django_db(transaction=True)

SITE_URL = "http://127.0.0.1:8101"
ROOT = Path(__file__).resolve().parents[2]
_LINK = re.compile(r"https?://[^\s<>\"']+")


def _our_links(text: str) -> list[str]:
    """The links in a message that lead to the portal (not to Google, Outlook or a meeting)."""
    return [link for link in _LINK.findall(text) if "example.gov.uk" not in link and "google" not in link]


def _all_from_site_url(text: str) -> bool:
    links = _our_links(text)
    return bool(links) and all(link.startswith(SITE_URL + "/") for link in links) and ":8000" not in text


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE_URL


def test_survey_invitations_by_email_text_and_letter_link_to_site_url(site_url):
    survey = SurveyFactory(title="Bin stores", audience={"letter_fallback": True})
    add_question(survey, Question.Kind.YES_NO, "Are the bin stores clean?")
    opted_in_resident()
    opted_in_resident(channels=[Channel.TEXT], mobile="+447700900111", email="", user=None)
    opted_in_resident(channels=[Channel.POST], email="", user=None)

    survey_invite(survey=survey)

    assert _all_from_site_url(mail.outbox[0].body)
    assert _all_from_site_url(DevelopmentText.objects.get().body)
    letter = LetterToPrint.objects.get().body
    assert f"Go to {SITE_URL}/code/" in letter and _all_from_site_url(letter)


def test_a_booking_confirmation_links_to_site_url(site_url):
    booking_create(event=EventFactory(), resident=ResidentFactory())

    assert _all_from_site_url(mail.outbox[-1].body)


def test_calendar_files_and_google_and_outlook_links_point_to_site_url(client, site_url):
    event = EventFactory()

    ics = client.get(reverse("events:ics", args=[event.pk])).content.decode().replace("\r\n ", "")
    assert f"URL:{SITE_URL}/whats-on/{event.pk}/" in ics
    assert f"UID:event-{event.pk}@127.0.0.1" in ics
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    google = re.search(r'href="(https://calendar\.google\.com[^"]+)"', page).group(1).replace("&amp;", "&")
    outlook = re.search(r'href="(https://outlook\.live\.com[^"]+)"', page).group(1).replace("&amp;", "&")
    assert f"Details: {SITE_URL}/whats-on/{event.pk}/" in parse_qs(urlsplit(google).query)["details"][0]
    assert f"Details: {SITE_URL}/whats-on/{event.pk}/" in parse_qs(urlsplit(outlook).query)["body"][0]


def test_the_survey_thank_you_page_gives_the_same_link_from_site_url(client, site_url):
    survey = SurveyFactory()
    add_question(survey, Question.Kind.TEXT, "Anything else?", required=False)
    opted_in_resident()
    survey_invite(survey=survey)
    invitation = Invitation.objects.get()
    response_submit(response=response_for_token(invitation.token))

    page = client.get(reverse("surveys:answer_done", args=[invitation.token])).content.decode()

    assert f'href="{SITE_URL}/sounding-board/s/{invitation.token}/"' in page


def test_the_password_reset_email_links_to_site_url_whatever_address_the_request_came_in_on(client, site_url):
    UserFactory(email="pat@example.com")

    client.post(reverse("account_reset_password"), {"email": "pat@example.com"}, HTTP_HOST="localhost")

    assert _all_from_site_url(mail.outbox[-1].body)
    assert "localhost" not in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("port", "listens_on", "links_to"),
    [
        ("", "127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("8101", "127.0.0.1:8101", "http://127.0.0.1:8101"),
        ("127.0.0.1:8101", "127.0.0.1:8101", "http://127.0.0.1:8101"),
        ("0.0.0.0:8101", "0.0.0.0:8101", "http://127.0.0.1:8101"),
    ],
)
def test_scripts_run_sets_site_url_from_port(port, listens_on, links_to):
    script = 'source scripts/lib/setup.sh; address=$(run_address "$1"); echo "$address $(site_url_for "$address")"'
    result = subprocess.run(["bash", "-c", script, "bash", port], cwd=ROOT, capture_output=True, text=True, check=True)

    assert result.stdout.split() == [listens_on, links_to]
    assert 'export SITE_URL=${SITE_URL:-$(site_url_for "$address")}' in (ROOT / "scripts/run").read_text()
