"""Starting a TRA: residents register interest, officers hear at the threshold and invite them in one step."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from engagement import roles
from engagement.messaging.models import Message
from engagement.tests.factories import EstateFactory, StaffFactory
from events.rules import booking_eligibility
from tenants_associations.models import StartingInterest, TRAMeeting, TRASettings
from tenants_associations.services.meetings import MeetingDetails
from tenants_associations.services.starting import (
    InterestRefused,
    first_meeting_invite,
    interest_by_estate,
    starting_interest_register,
)
from tenants_associations.tests.factories import StartingInterestFactory, resident_on, tra_for

pytestmark = pytest.mark.django_db

START = reverse("tenants_associations:start")


@pytest.fixture
def threshold_of_3(db):
    tra_settings = TRASettings.current()
    tra_settings.interest_threshold = 3
    tra_settings.save()


def test_a_resident_with_no_tra_registers_interest(client, resident):
    client.force_login(resident.user)
    assert "Start a TRA for" in client.get(START).content.decode()

    page = client.post(START, {"could_help": "yes", "note": "A summer fun day"}, follow=True).content.decode()

    interest = StartingInterest.objects.get()
    assert (interest.resident, interest.estate, interest.could_help, interest.note) == (
        resident,
        resident.home.block.estate,
        True,
        "A summer fun day",
    )
    assert "We have registered your interest" in page
    assert "We will invite you to a first meeting" in page


def test_the_could_you_help_question_must_be_answered(client, resident):
    client.force_login(resident.user)

    page = client.post(START, {"note": "Typed words"}).content.decode()

    assert "Select whether you could help run the TRA" in page
    assert "Typed words" in page
    assert not StartingInterest.objects.exists()


def test_a_resident_whose_home_has_a_tra_is_pointed_to_it(client, resident, tra):
    client.force_login(resident.user)

    page = client.get(START).content.decode()

    assert "There is a TRA for your home" in page
    assert tra.name in page
    with pytest.raises(InterestRefused):
        starting_interest_register(resident=resident, could_help=False)


def test_a_resident_can_withdraw_their_interest(client, resident):
    client.force_login(resident.user)
    client.post(START, {"could_help": "no"})

    client.post(reverse("tenants_associations:start_withdraw"))

    assert StartingInterest.objects.get().withdrawn_at is not None
    assert "Start a TRA for" in client.get(START).content.decode()


def test_engagement_officers_are_emailed_when_interest_reaches_the_threshold(
    threshold_of_3, community_relations, django_capture_on_commit_callbacks
):
    estate = EstateFactory(name="Whitefoot Lane")
    officers = [StaffFactory(role=roles.ENGAGEMENT_OFFICER) for _ in range(2)]
    residents = [resident_on(estate) for _ in range(4)]

    with django_capture_on_commit_callbacks(execute=True):
        for resident in residents[:2]:
            starting_interest_register(resident=resident, could_help=False)
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        starting_interest_register(resident=residents[2], could_help=True)
        starting_interest_register(resident=residents[3], could_help=False)

    # Once per officer, however many more register; never to other roles.
    assert sorted(email.to[0] for email in mail.outbox) == sorted(officer.email for officer in officers)
    assert "3 residents of Whitefoot Lane want to start a TRA" in mail.outbox[0].subject
    assert "/admin/tenants_associations/startinginterest/by-estate/" in mail.outbox[0].body


def test_officers_see_the_count_per_estate_and_which_have_reached_the_threshold(threshold_of_3, client, officer):
    busy, quiet = EstateFactory(name="Whitefoot Lane"), EstateFactory(name="Grove Park Close")
    StartingInterestFactory.create_batch(3, estate=busy)
    StartingInterestFactory(estate=busy, could_help=True, withdrawn_at=timezone.now())
    StartingInterestFactory(estate=quiet, could_help=True)

    rows = {row.estate.name: row for row in interest_by_estate()}
    assert (rows["Whitefoot Lane"].waiting, rows["Whitefoot Lane"].threshold_reached) == (3, True)
    assert (rows["Grove Park Close"].waiting, rows["Grove Park Close"].could_help) == (1, 1)
    assert not rows["Grove Park Close"].threshold_reached

    client.force_login(officer)
    page = client.get(reverse("admin:tenants_associations_startinginterest_by_estate")).content.decode()
    assert "Whitefoot Lane <strong>(threshold reached)</strong>" in page
    assert "Invite the 3 waiting to a first meeting" in page


def test_one_step_invites_everyone_waiting_to_a_first_meeting_with_its_date_place_and_link(
    client, officer, django_capture_on_commit_callbacks
):
    estate = EstateFactory(name="Whitefoot Lane")
    waiting = StartingInterestFactory.create_batch(3, estate=estate)
    withdrawn = StartingInterestFactory(estate=estate, withdrawn_at=timezone.now())
    day = timezone.localdate() + timedelta(days=21)
    client.force_login(officer)
    url = reverse("admin:tenants_associations_startinginterest_invite", kwargs={"estate_id": estate.pk})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "starts_at": f"{day:%Y-%m-%d}T18:30",
                "place": "Whitefoot House community room",
                "notes": "Tea and biscuits",
            },
        )

    assert response.status_code == 302
    meeting = TRAMeeting.objects.get()
    event = meeting.event
    assert (meeting.kind, meeting.tra, event.created_by, event.lead_officer) == ("first", None, officer, officer)
    assert (event.kind, event.estate, event.listed, event.invitation_only) == ("tra_meeting", estate, True, False)
    assert list(event.eligible_estates.all()) == [estate]
    assert (event.venue.name, event.venue.estate) == ("Whitefoot House community room", estate)
    invited = {email.to[0] for email in mail.outbox}
    assert invited == {interest.resident.email for interest in waiting}
    body = mail.outbox[0].body
    assert "Whitefoot House community room" in body and "6:30pm to 8:30pm" in body and "Tea and biscuits" in body
    assert day.strftime("%B") in body
    assert reverse("events:detail", args=[event.pk]) in body
    assert set(StartingInterest.objects.filter(invited_to=meeting)) == set(waiting)
    withdrawn.refresh_from_db()
    assert withdrawn.invited_to is None


def _first_meeting(estate, *, by=None, days=7, place="The green"):
    return first_meeting_invite(
        estate=estate,
        details=MeetingDetails(starts_at=timezone.now() + timedelta(days=days), place=place),
        invited_by=by,
    )


def test_invited_residents_see_the_first_meeting_and_neighbours_can_book_it_too(client, other_resident):
    interest = StartingInterestFactory()
    meeting = _first_meeting(interest.estate)
    neighbour = resident_on(interest.estate)
    client.force_login(interest.resident.user)

    page = client.get(START).content.decode()

    assert "We invited you to the first meeting" in page and "The green" in page
    assert reverse("events:detail", args=[meeting.event_id]) in page
    assert booking_eligibility(event=meeting.event, resident=neighbour).allowed
    assert booking_eligibility(event=meeting.event, resident=other_resident).code == "estate"


def test_after_an_invitation_new_interest_counts_afresh_and_can_tell_officers_again(threshold_of_3, officer):
    estate = EstateFactory()
    for _ in range(3):
        starting_interest_register(resident=resident_on(estate), could_help=False)
    _first_meeting(estate, by=officer, place="Hall")
    for _ in range(2):
        starting_interest_register(resident=resident_on(estate), could_help=False)
    assert Message.objects.filter(template="tenants_associations.interest_threshold_reached").count() == 1

    starting_interest_register(resident=resident_on(estate), could_help=False)

    assert Message.objects.filter(template="tenants_associations.interest_threshold_reached").count() == 2


def test_staff_without_the_permission_cannot_invite(client, estate):
    staff = StaffFactory()
    client.force_login(staff)

    response = client.get(
        reverse("admin:tenants_associations_startinginterest_invite", kwargs={"estate_id": estate.pk})
    )

    assert response.status_code == 403


def test_an_estate_gaining_a_tra_is_no_longer_open_for_interest(resident):
    tra_for(resident.home.block.estate)

    with pytest.raises(InterestRefused) as refused:
        starting_interest_register(resident=resident, could_help=True)

    assert refused.value.code == "covered"


def test_where_the_only_tra_has_lapsed_residents_can_register_interest_in_starting_one_again(client, resident):
    from tenants_associations.models import RecognitionStatus

    estate = resident.home.block.estate
    tra_for(estate, name="Old Riverside TRA", status=RecognitionStatus.LAPSED)
    client.force_login(resident.user)

    start_page = client.get(START).content.decode()
    directory = client.get(reverse("tenants_associations:directory")).content.decode()
    home = client.get("/").content.decode()

    assert "Old Riverside TRA used to be the Tenants and Residents Association for your home" in start_page
    assert "No active TRA." in directory and "Register interest in starting one again" in directory
    assert "Old Riverside TRA, the TRA for" in home and "is no longer active" in home
    client.post(START, {"could_help": "no"})
    assert StartingInterest.objects.filter(resident=resident, estate=estate).exists()


def test_an_active_tra_still_means_no_interest_in_starting_another(resident):
    from tenants_associations.models import RecognitionStatus

    tra_for(resident.home.block.estate, status=RecognitionStatus.IN_FORMATION)

    with pytest.raises(InterestRefused):
        starting_interest_register(resident=resident, could_help=True)
