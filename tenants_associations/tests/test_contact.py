"""Anyone can write to a TRA's committee; the committee's own addresses are never shown."""

import pytest
from django.core import mail
from django.urls import reverse

from engagement.messaging.models import Message
from tenants_associations.models import CommitteeRole, Enquiry
from tenants_associations.tests.factories import CommitteeRoleFactory

pytestmark = pytest.mark.django_db


def _contact(tra):
    return reverse("tenants_associations:contact", kwargs={"slug": tra.slug})


def test_a_message_goes_to_every_committee_member_through_messaging(
    client, tra, secretary, django_capture_on_commit_callbacks
):
    chair = CommitteeRoleFactory(tra=tra, role=CommitteeRole.Role.CHAIR).resident

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _contact(tra), {"name": "Pat Smith", "email": "pat@example.com", "message": "When is the fun day?"}
        )

    assert response.url == reverse("tenants_associations:contact_sent", kwargs={"slug": tra.slug})
    assert Enquiry.objects.get().forwarded_to == 2
    assert sorted(email.to[0] for email in mail.outbox) == sorted([secretary.email, chair.email])
    assert "When is the fun day?" in mail.outbox[0].body
    assert "pat@example.com" in mail.outbox[0].body


def test_committee_email_addresses_are_never_on_the_tras_pages(client, tra, secretary):
    for url in (reverse("tenants_associations:detail", kwargs={"slug": tra.slug}), _contact(tra)):
        page = client.get(url).content.decode()
        assert secretary.email not in page
    assert (
        "Sam Secretary"
        in client.get(reverse("tenants_associations:detail", kwargs={"slug": tra.slug})).content.decode()
    )


def test_with_no_committee_to_reach_the_message_goes_to_community_relations(client, tra, settings):
    client.post(_contact(tra), {"name": "Pat", "email": "pat@example.com", "message": "Is anyone there?"})

    message = Message.objects.get(template="tenants_associations.enquiry")
    assert message.to_address == settings.COMMUNITY_RELATIONS_EMAIL
    assert Enquiry.objects.get().forwarded_to == 0


def test_mistakes_are_shown_next_to_the_field_and_what_was_typed_is_kept(client, tra):
    page = client.post(_contact(tra), {"name": "Pat", "email": "nope", "message": "Hello there"}).content.decode()

    assert "Enter an email address in the correct format" in page
    assert "Hello there" in page and 'value="Pat"' in page
    assert not Enquiry.objects.exists()


def test_a_signed_in_resident_finds_their_name_and_email_filled_in(client, resident, tra):
    client.force_login(resident.user)

    page = client.get(_contact(tra)).content.decode()

    assert f'value="{resident.full_name}"' in page
    assert f'value="{resident.email}"' in page


def test_one_connection_cannot_fill_a_committees_inbox(client, tra, secretary, django_capture_on_commit_callbacks):
    from engagement.throttle import PUBLIC_MESSAGES

    enquiry = {"name": "Pat Smith", "email": "pat@example.com", "message": "Buy cheap watches"}
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(PUBLIC_MESSAGES.per_hour + 3):
            response = client.post(_contact(tra), enquiry)

    assert response.status_code == 429
    assert "Buy cheap watches" in response.content.decode()
    assert Enquiry.objects.count() == PUBLIC_MESSAGES.per_hour
    assert len(mail.outbox) == PUBLIC_MESSAGES.per_hour


def test_a_line_break_in_a_name_is_refused_at_the_field_and_nothing_is_sent(client, tra, secretary):
    data = {"name": "Bob\r\nBcc: victim@evil.example", "email": "pat@example.com", "message": "When is the fun day?"}

    response = client.post(_contact(tra), data)

    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "Your name must be on one line, without hidden control characters"
    ]
    assert "When is the fun day?" in response.content.decode()
    assert not Enquiry.objects.exists() and not Message.objects.exists()
