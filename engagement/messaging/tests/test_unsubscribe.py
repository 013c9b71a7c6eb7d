"""Every survey and invitation can be stopped from the message itself, without signing in."""

import re

import pytest
from django.core import checks, mail

from engagement.messaging import registry
from engagement.messaging.services import message_queue
from engagement.models import Channel, Consent, ConsentChange, ConsentSource, Purpose

pytestmark = pytest.mark.django_db(transaction=True)


def emailed_invitation(resident):
    message_queue(
        template="engagement.invitation",
        key="invitation:1",
        resident=resident,
        personalisation={"subject": "Survey", "body": "Have your say."},
    )
    return mail.outbox[-1]


def test_the_link_in_an_email_stops_invitations_by_email_without_signing_in(client, engaged_resident):
    email = emailed_invitation(engaged_resident)
    link = re.search(r"http://127\.0\.0\.1:8000(/u/\S+)", email.body).group(1)

    page = client.get(link)
    assert page.status_code == 200
    assert "Stop getting surveys and invitations by emails" in page.content.decode()
    done = client.post(link)

    assert "You have been unsubscribed" in done.content.decode()
    consent = Consent.objects.get(resident=engaged_resident, channel=Channel.EMAIL, purpose=Purpose.ENGAGEMENT)
    assert consent.given is False
    assert consent.source == ConsentSource.UNSUBSCRIBE_LINK
    # Texts are a separate choice.
    assert Consent.objects.get(resident=engaged_resident, channel=Channel.TEXT, purpose=Purpose.ENGAGEMENT).given


def test_mail_apps_one_click_unsubscribe_works_without_a_csrf_token(engaged_resident):
    from django.test import Client

    email = emailed_invitation(engaged_resident)
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = email.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://127.0.0.1:8000")

    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert ConsentChange.objects.filter(resident=engaged_resident, channel=Channel.EMAIL, given=False).exists()


def test_a_link_that_was_tampered_with_does_nothing(client, engaged_resident):
    email = emailed_invitation(engaged_resident)
    link = re.search(r"(/u/\S+)", email.body).group(1)

    response = client.post(link[:-2] + ("xx" if not link.endswith("xx") else "yy"))

    assert response.status_code == 404
    assert Consent.objects.get(resident=engaged_resident, channel=Channel.EMAIL, purpose=Purpose.ENGAGEMENT).given


def test_an_engagement_message_type_without_an_unsubscribe_link_fails_the_system_check(monkeypatch, settings, tmp_path):
    template_dir = tmp_path / "messages" / "testing" / "careless"
    template_dir.mkdir(parents=True)
    (template_dir / "subject.txt").write_text("Hello")
    (template_dir / "email.txt").write_text("No way to stop this.")
    (template_dir / "text.txt").write_text("Nor this. {{ unsubscribe_url }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    monkeypatch.setitem(
        registry._types, "testing.careless", registry.MessageType("testing.careless", Purpose.ENGAGEMENT, "test")
    )

    problems = [problem for problem in checks.run_checks() if problem.id.startswith("messaging.")]

    assert [problem.id for problem in problems] == ["messaging.E002"]
    assert "testing/careless/email.txt" in problems[0].msg
