"""Requests for a page or letter in another language or format: an officer task with a due date."""

from collections.abc import Callable
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from engagement.dates import date_text, working_day_before, working_days_after
from engagement.messaging.services import message_queue
from engagement.models import Channel, ContactEnquiry, FormatRequest, Resident

# Ten working days: twice the five community relations promise for a reply (contact us), because a
# translation, a recording or braille is made by an outside supplier, and the usual time councils
# give for accessible formats. A setting, so the council can change its promise in one place.
FORMAT_REQUEST_WORKING_DAYS = getattr(settings, "FORMAT_REQUEST_WORKING_DAYS", 10)

# Pages about something happening on a date (an event), by URL name: (page's URL kwargs) -> when it starts.
# An interpreter booked after the event is no use, so a request from such a page is due the working day before.
_HAPPENS_AT: dict[str, Callable[..., datetime | None]] = {}


def register_happens_at(url_name: str, starts_at: Callable[..., datetime | None]) -> None:
    """For an app's page about something on a date: how to find when it starts from the page's URL."""
    _HAPPENS_AT[url_name] = starts_at


def local_page(path: str) -> str:
    """The path if it is a page on this site (never another site: it is linked back to), else ""."""
    path = (path or "").strip()
    if not path.startswith("/") or path.startswith("//") or "\\" in path or len(path) > 300:
        return ""
    return path if url_has_allowed_host_and_scheme(path, allowed_hosts=None) else ""


def _happens_at(page: str) -> datetime | None:
    try:
        match = resolve(page.split("?", 1)[0])
    except Resolver404:
        return None
    starts_at = _HAPPENS_AT.get(match.view_name)
    return starts_at(**match.kwargs) if starts_at else None


def format_request_due_by(*, received: date, page: str = "", format: str = "") -> date:
    """Ten working days after it is received; a BSL interpreter for an event, the working day before it."""
    due = working_days_after(received, FORMAT_REQUEST_WORKING_DAYS)
    if format == FormatRequest.Format.BSL and page:
        starts_at = _happens_at(page)
        if starts_at is not None:
            before = working_day_before(timezone.localdate(starts_at))
            # Never before the day it was asked for: an event tomorrow still needs trying today.
            due = max(min(due, before), received)
    return due


@transaction.atomic
def format_request_submit(
    *,
    about: str,
    format: str,
    name: str,
    reply_by: str,
    page: str = "",
    language: str = "",
    details: str = "",
    email: str = "",
    mobile: str = "",
    phone: str = "",
    postal_address: str = "",
    resident: Resident | None = None,
) -> FormatRequest:
    """Record the request with its due date and, in the same transaction, the acknowledgement.

    As with contact us, the acknowledgement goes by email or text to what was typed; someone who
    asked for a phone call or a letter is told on the page.
    """
    page = local_page(page)
    request = FormatRequest.objects.create(
        about=about,
        page=page,
        format=format,
        language=language if format == FormatRequest.Format.TRANSLATION else "",
        details=details,
        name=name,
        reply_by=reply_by,
        email=email if reply_by == ContactEnquiry.ReplyBy.EMAIL else "",
        phone={ContactEnquiry.ReplyBy.TEXT: mobile, ContactEnquiry.ReplyBy.PHONE: phone}.get(reply_by, ""),
        postal_address=postal_address if reply_by == ContactEnquiry.ReplyBy.POST else "",
        resident=resident,
        due_by=format_request_due_by(received=timezone.localdate(), page=page, format=format),
    )
    if reply_by in (ContactEnquiry.ReplyBy.EMAIL, ContactEnquiry.ReplyBy.TEXT):
        message_queue(
            template="engagement.format_request_acknowledgement",
            key=f"format-request-acknowledgement:{request.pk}",
            to_address=request.reply_to,
            channel=Channel.EMAIL if reply_by == ContactEnquiry.ReplyBy.EMAIL else Channel.TEXT,
            personalisation={
                "name": name,
                "about": about,
                "format": str(request.format_text),
                "due_by": date_text(request.due_by),
            },
        )
    return request


def format_request_status_change(request: FormatRequest, status: str) -> None:
    """Keep when it was done in step with its status (set by an officer in admin)."""
    if status == FormatRequest.Status.DONE and request.done_at is None:
        request.done_at = timezone.now()
    elif status != FormatRequest.Status.DONE:
        request.done_at = None
