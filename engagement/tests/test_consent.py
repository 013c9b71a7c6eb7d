import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.messaging.services.contactable import consents_of, permitted
from engagement.models import Channel, Consent, ConsentChange, ConsentSource, Purpose
from engagement.services.consent import consent_record

pytestmark = pytest.mark.django_db


def test_giving_and_withdrawing_consent_keeps_a_history_of_when_and_how(resident, officer):
    consent_record(resident, channel=Channel.TEXT, purpose=Purpose.ENGAGEMENT, given=True, source=ConsentSource.ACCOUNT)
    consent_record(
        resident,
        channel=Channel.TEXT,
        purpose=Purpose.ENGAGEMENT,
        given=False,
        source=ConsentSource.PHONE,
        recorded_by=officer,
    )

    history = list(ConsentChange.objects.filter(resident=resident).order_by("changed_at", "id"))
    assert [(c.given, c.source, c.recorded_by) for c in history] == [
        (True, ConsentSource.ACCOUNT, None),
        (False, ConsentSource.PHONE, officer),
    ]
    current = Consent.objects.get(resident=resident, channel=Channel.TEXT, purpose=Purpose.ENGAGEMENT)
    assert current.given is False and current.source == ConsentSource.PHONE


def test_saying_the_same_thing_again_adds_nothing_to_the_history(resident):
    for _ in range(3):
        consent_record(
            resident, channel=Channel.EMAIL, purpose=Purpose.ENGAGEMENT, given=True, source=ConsentSource.ACCOUNT
        )

    assert (
        ConsentChange.objects.filter(resident=resident, channel=Channel.EMAIL, purpose=Purpose.ENGAGEMENT).count() == 1
    )


def test_an_older_answer_does_not_overrule_a_later_choice(resident):
    consent_record(
        resident, channel=Channel.EMAIL, purpose=Purpose.ENGAGEMENT, given=False, source=ConsentSource.ACCOUNT
    )

    changed = consent_record(
        resident,
        channel=Channel.EMAIL,
        purpose=Purpose.ENGAGEMENT,
        given=True,
        source=ConsentSource.PAPER_FORM,
        at=timezone.now() - timedelta(days=30),
    )

    assert changed is False
    assert not _may_send(resident, Channel.EMAIL, Purpose.ENGAGEMENT)


def _may_send(resident, channel, purpose, **options):
    return permitted(resident, channel, purpose, consents_of(resident), **options)


def test_surveys_need_a_yes_but_service_messages_go_unless_the_resident_said_no(resident):
    assert not _may_send(resident, Channel.EMAIL, Purpose.ENGAGEMENT)
    assert _may_send(resident, Channel.EMAIL, Purpose.SERVICE)

    consent_record(resident, channel=Channel.EMAIL, purpose=Purpose.SERVICE, given=False, source=ConsentSource.ACCOUNT)
    consent_record(
        resident, channel=Channel.EMAIL, purpose=Purpose.ENGAGEMENT, given=True, source=ConsentSource.ACCOUNT
    )

    assert not _may_send(resident, Channel.EMAIL, Purpose.SERVICE)
    assert _may_send(resident, Channel.EMAIL, Purpose.ENGAGEMENT)


def test_a_yes_is_no_use_without_a_working_address(resident):
    consent_record(resident, channel=Channel.TEXT, purpose=Purpose.ENGAGEMENT, given=True, source=ConsentSource.ACCOUNT)
    assert not _may_send(resident, Channel.TEXT, Purpose.ENGAGEMENT)

    resident.mobile = "+447700900123"
    assert _may_send(resident, Channel.TEXT, Purpose.ENGAGEMENT)

    resident.mobile_undeliverable = True
    assert not _may_send(resident, Channel.TEXT, Purpose.ENGAGEMENT)


def test_a_letter_stands_in_only_for_residents_with_no_email_or_mobile_who_never_said_no_to_post(resident):
    assert not _may_send(resident, Channel.POST, Purpose.ENGAGEMENT, letter_fallback=True)

    resident.email = ""
    assert _may_send(resident, Channel.POST, Purpose.ENGAGEMENT, letter_fallback=True)
    assert not _may_send(resident, Channel.POST, Purpose.ENGAGEMENT)

    consent_record(resident, channel=Channel.POST, purpose=Purpose.ENGAGEMENT, given=False, source=ConsentSource.PHONE)
    assert not _may_send(resident, Channel.POST, Purpose.ENGAGEMENT, letter_fallback=True)


def test_the_preferences_page_records_each_channel_and_purpose(resident_client, resident):
    resident.mobile = "+447700900123"
    resident.save()

    response = resident_client.post(
        reverse("contact_preferences"), {"engagement": ["email", "text"], "service": ["email"]}
    )

    assert response.status_code == 302
    given = set(Consent.objects.filter(resident=resident, given=True).values_list("channel", "purpose"))
    assert given == {("email", "engagement"), ("text", "engagement"), ("email", "service")}
    assert set(ConsentChange.objects.filter(resident=resident).values_list("source", flat=True)) == {"account"}


def test_choosing_texts_without_a_mobile_number_is_explained_next_to_the_question(resident_client, resident):
    page = resident_client.post(reverse("contact_preferences"), {"engagement": ["text"]}).content.decode()

    assert "Add a mobile number in your contact details before choosing text messages" in page
    assert re.search(r'id="id_engagement_2"\s+value="text"\s+checked', page), "the resident's tick was lost"
    assert not Consent.objects.filter(resident=resident, channel=Channel.TEXT).exists()


def test_officers_record_consent_given_by_phone_in_admin(client, officer, resident):
    client.force_login(officer)
    url = reverse("admin:engagement_resident_record_consent", args=[resident.pk])

    response = client.post(
        url,
        {
            "channel": "post",
            "purpose": "engagement",
            "given": "yes",
            "source": "phone",
            "given_on_0": timezone.localdate().isoformat(),
            "given_on_1": "10:00",
            "given_on": timezone.now().strftime("%Y-%m-%d %H:%M"),
        },
    )

    assert response.status_code == 302
    change = ConsentChange.objects.get(resident=resident, channel="post")
    assert change.given and change.source == "phone" and change.recorded_by == officer
