"""What a committee does on the site: members, notices, meetings, documents, representatives."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from engagement.messaging.models import Message
from events.models import Event
from events.services.bookings import booking_create
from tenants_associations.models import Membership, Notice, TRADocument, TRAMeeting
from tenants_associations.tests.factories import (
    PDF_BYTES,
    MembershipFactory,
    TRADocumentFactory,
    TRAMeetingFactory,
    docx_bytes,
)

pytestmark = pytest.mark.django_db


def _url(name, tra, **kwargs):
    return reverse(f"tenants_associations:{name}", kwargs={"slug": tra.slug, **kwargs})


def test_the_members_list_shows_name_and_block_but_never_contact_details(secretary_client, tra, resident):
    resident.mobile = "+447700900123"
    resident.save()
    membership = MembershipFactory(tra=tra, resident=resident)

    page = secretary_client.get(_url("committee_members", tra)).content.decode()

    assert "Rita Resident" in page
    assert resident.home.block.name in page
    assert resident.email not in page
    assert "07700" not in page and "+447700900123" not in page
    assert _url("committee_member_message", tra, membership_id=membership.pk) in page


def test_the_members_list_takes_the_same_number_of_queries_for_5_or_50_members(
    secretary_client, tra, django_assert_max_num_queries
):
    MembershipFactory.create_batch(5, tra=tra)
    with django_assert_max_num_queries(30) as few:
        secretary_client.get(_url("committee_members", tra))
    MembershipFactory.create_batch(45, tra=tra)

    with django_assert_max_num_queries(len(few.captured_queries)):
        page = secretary_client.get(_url("committee_members", tra)).content.decode()
    assert page.count("Send a message") == 51  # 50 members and the secretary


def test_a_notice_goes_to_every_member_through_messaging(secretary_client, tra, secretary, resident):
    MembershipFactory(tra=tra, resident=resident)
    MembershipFactory(tra=tra, status=Membership.Status.REQUESTED)
    MembershipFactory(tra=tra, status=Membership.Status.LEFT)

    response = secretary_client.post(
        _url("committee_notice_new", tra), {"subject": "Summer fun day", "body": "Join us on the green."}, follow=True
    )

    notice = Notice.objects.get()
    assert notice.recipients == 2  # Rita and the secretary; not the request, not the leaver
    told = set(Message.objects.filter(template="tenants_associations.notice").values_list("resident", flat=True))
    assert told == {resident.pk, secretary.pk}
    assert "Your notice is on its way to 2 members" in response.content.decode()


def test_a_message_to_one_member_goes_only_to_them(secretary_client, tra, resident):
    membership = MembershipFactory(tra=tra, resident=resident)
    MembershipFactory(tra=tra)

    secretary_client.post(
        _url("committee_member_message", tra, membership_id=membership.pk),
        {"subject": "Your question", "body": "The hall is free on Tuesdays."},
    )

    message = Message.objects.get(template="tenants_associations.notice")
    assert message.resident == resident
    assert message.personalisation["body"] == "The hall is free on Tuesdays."


def test_an_empty_notice_is_refused_with_the_words_kept(secretary_client, tra):
    response = secretary_client.post(_url("committee_notice_new", tra), {"subject": "", "body": "Draft words"})

    page = response.content.decode()
    assert "Enter a subject" in page and "Draft words" in page
    assert not Notice.objects.exists()


def _meeting(kind="general", days=10, tell=False, **extra):
    day = timezone.localdate() + timedelta(days=days)
    data = {
        "kind": kind,
        "date_0": str(day.day),
        "date_1": str(day.month),
        "date_2": str(day.year),
        "time": "7pm",
        "end_time": "",
        "place": "Foreshore House community room",
        "notes": "Step-free access",
        **extra,
    }
    if tell:
        data["tell_people"] = "on"
    return data, day


def _tra_page(client, tra):
    return client.get(reverse("tenants_associations:detail", kwargs={"slug": tra.slug})).content.decode()


def test_the_committee_adds_a_meeting_that_shows_on_the_tras_page_and_in_whats_on(secretary_client, visitor, tra):
    data, day = _meeting(end_time="8:30pm")

    secretary_client.post(_url("committee_meeting_new", tra), data)

    event = TRAMeeting.objects.get().event
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    assert (starts.date(), starts.hour, ends.hour, ends.minute) == (day, 19, 20, 30)
    assert (event.venue.name, event.description) == ("Foreshore House community room", "Step-free access")
    assert not Message.objects.exists()
    page = _tra_page(visitor, tra)
    assert "Foreshore House community room" in page and "7pm to 8:30pm" in page
    assert reverse("events:detail", args=[event.pk]) in page
    assert event.title in visitor.get(reverse("events:list")).content.decode()


def test_a_meeting_without_a_finish_time_is_shown_as_two_hours(secretary_client, tra):
    secretary_client.post(_url("committee_meeting_new", tra), _meeting()[0])

    event = TRAMeeting.objects.get().event
    assert event.ends_at - event.starts_at == timedelta(hours=2)


def test_an_agm_becomes_the_tras_next_agm_and_members_can_be_told_with_the_link_to_book(
    secretary_client, tra, resident, secretary
):
    MembershipFactory(tra=tra, resident=resident)
    data, day = _meeting(kind="agm", days=30, tell=True)

    secretary_client.post(_url("committee_meeting_new", tra), data)

    tra.refresh_from_db()
    assert tra.next_agm_on == day
    messages = Message.objects.filter(template="tenants_associations.meeting_scheduled")
    assert set(messages.values_list("resident", flat=True)) == {resident.pk, secretary.pk}
    personalisation = messages.first().personalisation
    assert "7pm to 9pm" in personalisation["when"]
    assert personalisation["event_url"].endswith(reverse("events:detail", args=[TRAMeeting.objects.get().event_id]))


def test_committee_meetings_invite_the_committee_and_stay_off_the_public_page(
    secretary_client, visitor, tra, resident, secretary
):
    MembershipFactory(tra=tra, resident=resident)
    data, _ = _meeting(kind="committee", place="The secretary's flat")

    secretary_client.post(_url("committee_meeting_new", tra), data)

    invited = Message.objects.filter(template="events.invitation").values_list("resident", flat=True)
    assert list(invited) == [secretary.pk]
    assert not Message.objects.filter(template="tenants_associations.meeting_scheduled").exists()
    assert "flat" not in _tra_page(visitor, tra)
    assert "flat" in _tra_page(secretary_client, tra)


def test_a_meeting_in_the_past_or_with_a_bad_time_is_refused(secretary_client, tra):
    data, _ = _meeting(days=-3, time="half seven")

    page = secretary_client.post(_url("committee_meeting_new", tra), data).content.decode()

    assert "Enter a time, like 7pm or 19:30" in page
    assert 'value="half seven"' in page
    data, _ = _meeting(days=-3)
    page = secretary_client.post(_url("committee_meeting_new", tra), data).content.decode()
    assert "The meeting must be in the future" in page
    data, _ = _meeting(end_time="6pm")
    page = secretary_client.post(_url("committee_meeting_new", tra), data).content.decode()
    assert "The finish time must be after the start time" in page
    assert not TRAMeeting.objects.exists()


def test_a_cancelled_meeting_comes_off_the_tras_page_and_those_coming_are_told_why(
    secretary_client, visitor, tra, neighbour
):
    meeting = TRAMeetingFactory(tra=tra, event__venue__name="Old hall")
    booking_create(event=meeting.event, resident=neighbour)

    secretary_client.post(
        _url("committee_meeting_cancel", tra, meeting_id=meeting.pk), {"reason": "The hall is flooded."}
    )

    meeting.event.refresh_from_db()
    assert meeting.event.status == Event.Status.CANCELLED
    assert "Old hall" not in _tra_page(visitor, tra)
    told = Message.objects.get(template="events.event_cancelled")
    assert (told.resident, told.personalisation["reason"]) == (neighbour, "The hall is flooded.")


def _upload(name, content, **extra):
    return {
        "title": "Our constitution",
        "kind": "constitution",
        "visibility": "public",
        "file": SimpleUploadedFile(name, content),
        **extra,
    }


@pytest.mark.parametrize("name,content", [("constitution.pdf", PDF_BYTES), ("constitution.docx", docx_bytes())])
def test_the_committee_uploads_pdf_and_office_documents(secretary_client, visitor, tra, secretary, name, content):
    response = secretary_client.post(_url("committee_document_new", tra), _upload(name, content))

    assert response.status_code == 302
    document = TRADocument.objects.get()
    assert document.original_name == name
    assert document.uploaded_by == secretary.user
    assert name not in document.file.name  # stored under a random name
    download = visitor.get(_url("document", tra, document_id=document.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert f'filename="{name}"' in download["Content-Disposition"]


WRONG_TYPE = "The selected file must be a PDF, Word, Excel, PowerPoint or OpenDocument file"
NOT_WHAT_IT_SAYS = "The contents of the selected file do not match its type"


@pytest.mark.parametrize(
    "name,content,error",
    [
        ("minutes.exe", b"MZ\x90\x00", WRONG_TYPE),
        ("minutes.pdf", b"<html><script>alert(1)</script></html>", NOT_WHAT_IT_SAYS),
        ("minutes.docx", b"PK\x03\x04 not really a zip", NOT_WHAT_IT_SAYS),
        ("minutes.docx", PDF_BYTES, NOT_WHAT_IT_SAYS),
    ],
)
def test_files_that_are_not_what_they_say_are_refused(secretary_client, tra, name, content, error):
    response = secretary_client.post(_url("committee_document_new", tra), _upload(name, content))

    page = response.content.decode()
    assert error in page
    assert 'value="Our constitution"' in page
    assert not TRADocument.objects.exists()


def test_files_over_the_size_limit_are_refused(secretary_client, tra, monkeypatch):
    from tenants_associations import documents

    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 100)

    page = secretary_client.post(
        _url("committee_document_new", tra), _upload("big.pdf", PDF_BYTES + b" " * 200)
    ).content.decode()

    assert "The selected file must be smaller than 100" in page
    assert not TRADocument.objects.exists()


def test_members_only_documents_are_for_members_and_the_committee(
    client, secretary_client, tra, resident, other_resident
):
    document = TRADocumentFactory(tra=tra, title="Minutes of March", visibility=TRADocument.Visibility.MEMBERS)
    url = _url("document", tra, document_id=document.pk)

    assert secretary_client.get(url).status_code == 200
    client.force_login(other_resident.user)
    refused = client.get(url)
    assert refused.status_code == 403
    assert "Only members of Riverside TRA can open this document" in refused.content.decode()
    detail = client.get(reverse("tenants_associations:detail", kwargs={"slug": tra.slug})).content.decode()
    assert "Minutes of March" not in detail

    MembershipFactory(tra=tra, resident=resident)
    client.force_login(resident.user)
    assert client.get(url).status_code == 200
    assert "no-store" in client.get(url)["Cache-Control"]


def test_a_removed_document_is_gone_with_its_file(secretary_client, tra, django_capture_on_commit_callbacks):
    document = TRADocumentFactory(tra=tra)
    storage, name = document.file.storage, document.file.name

    with django_capture_on_commit_callbacks(execute=True):
        secretary_client.post(_url("committee_document_delete", tra, document_id=document.pk))

    assert not TRADocument.objects.exists()
    assert not storage.exists(name)


def test_officers_of_the_tra_mark_who_represents_it_on_panels(secretary_client, tra, resident):
    membership = MembershipFactory(tra=tra, resident=resident)
    url = _url("committee_representative", tra, membership_id=membership.pk)

    secretary_client.post(url, {"represents": "yes"})
    membership.refresh_from_db()
    assert membership.is_representative

    secretary_client.post(url, {"represents": "no"})
    membership.refresh_from_db()
    assert not membership.is_representative


def test_the_committee_overview_counts_waiting_requests(secretary_client, tra):
    MembershipFactory.create_batch(2, tra=tra, status=Membership.Status.REQUESTED)

    page = secretary_client.get(_url("committee_home", tra)).content.decode()

    assert "2 waiting" in page
    assert "You are on the committee as secretary" in page


def test_a_meeting_in_a_year_no_meeting_is_held_is_refused_at_the_date(secretary_client, tra):
    data, _ = _meeting(date_2="9999")

    page = secretary_client.post(_url("committee_meeting_new", tra), data).content.decode()

    assert "Enter a date between 2000 and 2100" in page and "9999" in page
    assert not TRAMeeting.objects.exists()


@pytest.mark.parametrize("name", ["committee_home", "committee_members", "committee_notice_new"])
def test_committee_pages_are_not_kept_by_any_cache(secretary_client, tra, name):
    response = secretary_client.get(_url(name, tra))

    assert response.status_code == 200
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
