"""Asking for a walkabout, and the issues a resident raised ("My issues")."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from engagement.middleware import body_limit
from engagement.protected_files import protected_file_response
from engagement.views.residents import resident_required
from events.forms import IssueForm, WalkaboutRequestForm
from events.models import Event, Issue, IssueUpdate
from events.rules import resident_estate_id
from events.services.issues import issue_raise
from events.services.walkabouts import walkabout_request_submit


@resident_required
def request_walkabout(request, resident):
    form = WalkaboutRequestForm(request.POST or None, initial={"estate": resident_estate_id(resident)})
    if request.method == "POST" and form.is_valid():
        walkabout_request_submit(resident=resident, **form.cleaned_data)
        return redirect("events:request_walkabout_done")
    return render(
        request, "events/request_walkabout.html", {"form": form, "page_title": _("Ask for an estate walkabout")}
    )


@resident_required
def request_walkabout_done(request, resident):
    return render(request, "events/request_walkabout_done.html", {"page_title": _("We have your request")})


def _public_updates():
    return Prefetch("updates", queryset=IssueUpdate.objects.filter(tell_resident=True), to_attr="public_updates")


@resident_required
def my_issues(request, resident):
    issues = (
        Issue.objects.filter(raised_by=resident)
        .select_related("category", "estate", "event")
        .prefetch_related(_public_updates())
    )
    return render(request, "events/my_issues.html", {"issues": issues, "page_title": _("Your issues")})


ISSUE_EVENT_KINDS = (Event.Kind.WALKABOUT, Event.Kind.REPAIRS_OPEN_DAY)


def _photo_too_big() -> str:
    limit = settings.EVENTS_ISSUE_PHOTO_MAX_BYTES // (1024 * 1024)
    return (
        f"The photo is too big: it must be smaller than {limit}MB. Go back, choose a smaller photo "
        "(or take a screenshot of it) and send the form again."
    )


# The photo's limit, and room for the words typed with it.
@body_limit(lambda: settings.EVENTS_ISSUE_PHOTO_MAX_BYTES + 64 * 1024, _photo_too_big)
@resident_required
def issue_report(request, resident):
    # Following up a walkabout or open day: ?event=<id> links the issue to it.
    raised_at = None
    event_id = request.GET.get("event", "")
    if event_id.isdigit():
        raised_at = (
            Event.objects.visible_to(resident)
            .filter(pk=int(event_id), kind__in=ISSUE_EVENT_KINDS)
            .select_related("estate")
            .first()
        )
    estate_id = raised_at.estate_id if raised_at and raised_at.estate_id else resident_estate_id(resident)
    form = IssueForm(request.POST or None, request.FILES or None, initial={"estate": estate_id})
    if request.method == "POST" and form.is_valid():
        issue = issue_raise(raised_by=resident, event=raised_at, **form.cleaned_data)
        messages.success(
            request,
            _("Thank you. Your issue is {reference}. We will keep you updated here.").format(reference=issue.reference),
        )
        return redirect("events:issue_detail", pk=issue.pk)
    return render(
        request,
        "events/issue_report.html",
        {"form": form, "raised_at": raised_at, "page_title": _("Report an issue on your estate")},
    )


@resident_required
def issue_detail(request, resident, pk: int):
    issue = get_object_or_404(
        Issue.objects.select_related("category", "estate", "event").prefetch_related(_public_updates()),
        pk=pk,
        raised_by=resident,
    )
    return render(
        request,
        "events/issue_detail.html",
        {"issue": issue, "page_title": _("Issue {reference}").format(reference=issue.reference)},
    )


def issue_photo(request, pk: int):
    """The photo sent with an issue: for the resident who raised it and staff who work on issues."""
    issue = get_object_or_404(Issue.objects.visible_to(request.user), pk=pk)
    return protected_file_response(issue.photo, filename=f"{issue.reference}{Path(issue.photo.name).suffix}")
