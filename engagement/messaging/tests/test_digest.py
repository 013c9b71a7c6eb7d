"""The weekly ward digest for councillors."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from engagement.messaging.audience import Audience
from engagement.messaging.models import Councillor
from engagement.messaging.services.bulk import bulk_send_create
from engagement.messaging.services.digests import ward_digests_send
from engagement.messaging.tests.conftest import opt_in
from engagement.models import Channel
from engagement.tests.factories import EstateFactory, HomeFactory, ResidentFactory, TenancyFactory, WardFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def wards(db):
    evelyn, brockley = WardFactory(name="Evelyn"), WardFactory(name="Brockley")
    Councillor.objects.create(name="Ada Ward", email="ada@councillors.example.gov.uk", ward=evelyn)
    Councillor.objects.create(name="Ben Ward", email="ben@councillors.example.gov.uk", ward=brockley)
    estate = EstateFactory(name="Pepys Estate", ward=evelyn)
    for _ in range(2):
        opt_in(ResidentFactory(tenancy=TenancyFactory(home=HomeFactory(block__estate=estate))), Channel.EMAIL)
    bulk_send_create(
        audience=Audience(estates=[estate.pk]),
        template="engagement.invitation",
        description="Damp and mould survey",
        personalisation={"subject": "Survey", "body": "Tell us."},
    )
    mail.outbox.clear()
    return evelyn, brockley


def test_councillors_hear_about_sends_to_residents_in_their_ward_only(wards):
    queued = ward_digests_send(week_ending=timezone.localdate() + timedelta(days=1))

    assert queued == 1
    [digest] = mail.outbox
    assert digest.to == ["ada@councillors.example.gov.uk"]
    assert digest.subject.startswith("Evelyn: resident engagement in the week from")
    assert "Damp and mould survey: Sent on" in digest.body
    assert "to 2 residents in the ward" in digest.body


def test_running_the_digest_twice_in_a_week_sends_it_once(wards):
    week_ending = timezone.localdate() + timedelta(days=1)

    ward_digests_send(week_ending=week_ending)
    ward_digests_send(week_ending=week_ending)

    assert len(mail.outbox) == 1


def test_a_quiet_week_sends_no_digest(wards):
    assert ward_digests_send(week_ending=timezone.localdate() - timedelta(days=10)) == 0
    assert mail.outbox == []


def test_demo_data_gives_each_ward_a_councillor_once(db):
    from engagement.messaging import demo

    WardFactory(name="Evelyn")
    WardFactory(name="Brockley")

    demo.load()
    demo.load()

    assert sorted(Councillor.objects.values_list("ward__name", flat=True)) == ["Brockley", "Evelyn"]
