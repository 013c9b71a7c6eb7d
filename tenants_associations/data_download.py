"""The resident's TRA data in "download my data": memberships and requests, committee seats,
interest in starting a TRA, the messages they sent to or as a TRA committee, and rooms they booked."""

from engagement.models import Resident
from tenants_associations.models import (
    CommitteeRole,
    Enquiry,
    Membership,
    Notice,
    RoomBooking,
    StartingInterest,
    TRADocument,
)


def memberships(resident: Resident) -> list[dict]:
    return [
        {
            "tra": membership.tra.name,
            "status": membership.get_status_display(),
            "asked_to_join_at": membership.requested_at,
            "what_you_told_the_committee": membership.note,
            "answered_at": membership.decided_at,
            "reason_given_for_declining": membership.decline_reason,
            "left_at": membership.left_at,
            "represents_the_tra_on_panels": membership.is_representative,
        }
        for membership in Membership.objects.filter(resident=resident).select_related("tra").order_by("requested_at")
    ]


def committee_roles(resident: Resident) -> list[dict]:
    return [
        {"tra": role.tra.name, "role": role.label, "from": role.term_starts_on, "until": role.term_ends_on}
        for role in CommitteeRole.objects.filter(resident=resident).select_related("tra").order_by("term_starts_on")
    ]


def starting_interest(resident: Resident) -> list[dict]:
    return [
        {
            "estate": interest.estate.name,
            "registered_at": interest.registered_at,
            "could_help_run_it": interest.could_help,
            "what_you_told_us": interest.note,
            "invited_to_first_meeting_on": interest.invited_to.event.starts_at if interest.invited_to else None,
            "withdrawn_at": interest.withdrawn_at,
        }
        for interest in StartingInterest.objects.filter(resident=resident).select_related("estate", "invited_to__event")
    ]


def messages_to_committees(resident: Resident) -> list[dict]:
    return [
        {
            "tra": enquiry.tra.name,
            "sent_at": enquiry.received_at,
            "name_given": enquiry.name,
            "email_given": enquiry.email,
            "message": enquiry.message,
        }
        for enquiry in Enquiry.objects.filter(resident=resident).select_related("tra").order_by("received_at")
    ]


def notices_sent(resident: Resident) -> list[dict]:
    return [
        {
            "tra": notice.tra.name,
            "sent_at": notice.sent_at,
            "to": notice.to_membership.resident.full_name if notice.to_membership else "All members",
            "subject": notice.subject,
            "message": notice.body,
        }
        for notice in Notice.objects.filter(sent_by=resident)
        .select_related("tra", "to_membership__resident")
        .order_by("sent_at")
    ]


def documents_uploaded(resident: Resident) -> list[dict]:
    if resident.user_id is None:
        return []
    return [
        {
            "tra": document.tra.name,
            "title": document.title,
            "kind": document.get_kind_display(),
            "who_can_see_it": document.get_visibility_display(),
            "uploaded_at": document.uploaded_at,
            "file": document.file,
        }
        for document in TRADocument.objects.filter(uploaded_by_id=resident.user_id)
        .select_related("tra")
        .order_by("uploaded_at")
    ]


def rooms_booked(resident: Resident) -> list[dict]:
    return [
        {
            "tra": booking.tra.name,
            "room": booking.room.name,
            "centre": booking.room.centre.name,
            "from": booking.starts_at,
            "until": booking.ends_at,
            "booked_at": booking.booked_at,
            "status": booking.get_status_display(),
            "reason_given_for_cancelling": booking.cancellation_reason,
        }
        for booking in RoomBooking.objects.filter(booked_by=resident)
        .select_related("tra", "room__centre")
        .order_by("booked_at")
    ]


SECTIONS = {
    "TRA memberships and requests to join": memberships,
    "TRA committee roles": committee_roles,
    "Interest in starting a TRA": starting_interest,
    "Messages to TRA committees": messages_to_committees,
    "Messages sent as a TRA committee member": notices_sent,
    "Documents you uploaded for a TRA": documents_uploaded,
    "Rooms you booked for TRA meetings": rooms_booked,
}
