"""Committee members manage their own TRA on the site. Every view goes through committee_view,
and every object is looked up within the committee's own TRA."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from tenants_associations.forms import CancelMeetingForm, DecisionForm, DocumentForm, MeetingForm, NoticeForm
from tenants_associations.models import Membership, Notice, TRADocument, TRAMeeting
from tenants_associations.services.committee import document_remove, document_upload, notice_send
from tenants_associations.services.meetings import tra_meeting_cancel, tra_meeting_schedule
from tenants_associations.services.membership import (
    MembershipRefused,
    membership_accept,
    membership_decline,
    membership_representative_set,
)
from tenants_associations.views.access import committee_view


def _members(tra):
    return Membership.objects.members().filter(tra=tra).select_related("resident__tenancy__home__block")


def _requests(tra):
    return Membership.objects.requests().filter(tra=tra).select_related("resident__tenancy__home__block")


@committee_view
def home(request, committee):
    tra = committee.tra
    return render(
        request,
        "tenants_associations/committee/home.html",
        {
            "committee": committee,
            "tra": tra,
            "requests_waiting": _requests(tra).count(),
            "member_count": _members(tra).count(),
            "meetings": TRAMeeting.objects.filter(tra=tra).upcoming().with_event()[:3],
            "notices": Notice.objects.filter(tra=tra).select_related("sent_by", "to_membership__resident")[:5],
        },
    )


@committee_view
def requests(request, committee):
    return render(
        request,
        "tenants_associations/committee/requests.html",
        {"committee": committee, "tra": committee.tra, "requests": _requests(committee.tra).order_by("requested_at")},
    )


@committee_view(officers_only=True)
def request_decide(request, membership_id, committee):
    tra = committee.tra
    membership = get_object_or_404(_requests(tra), pk=membership_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = membership.resident.full_name
        try:
            if form.cleaned_data["decision"] == "accept":
                membership_accept(membership=membership, decided_by=request.user)
                messages.success(request, _("{name} is now a member. We have told them.").format(name=name))
            else:
                membership_decline(membership=membership, decided_by=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("You have declined {name}'s request. We have told them.").format(name=name))
        except MembershipRefused as refused:
            messages.info(request, str(refused))
        return redirect("tenants_associations:committee_requests", slug=tra.slug)
    return render(
        request,
        "tenants_associations/committee/request.html",
        {
            "committee": committee,
            "tra": tra,
            "membership": membership,
            "form": form,
            "page_title": _("Request to join from {full_name}").format(full_name=membership.resident.full_name),
        },
    )


@committee_view
def members(request, committee):
    return render(
        request,
        "tenants_associations/committee/members.html",
        {
            "committee": committee,
            "tra": committee.tra,
            "members": _members(committee.tra).order_by("resident__last_name", "resident__first_name"),
        },
    )


@committee_view
def member_message(request, membership_id, committee):
    tra = committee.tra
    membership = get_object_or_404(_members(tra), pk=membership_id)
    form = NoticeForm(request.POST or None, submit="Send message")
    if request.method == "POST" and form.is_valid():
        notice_send(tra=tra, sent_by=committee.resident, membership=membership, **form.cleaned_data)
        messages.success(
            request, _("Your message to {full_name} is on its way.").format(full_name=membership.resident.full_name)
        )
        return redirect("tenants_associations:committee_members", slug=tra.slug)
    return _form_page(
        request,
        committee,
        form,
        page_title=_("Send a message to {full_name}").format(full_name=membership.resident.full_name),
        intro=_("We send it by email, or by text or letter if they have no email. Their contact details stay private."),
        back_url_name="tenants_associations:committee_members",
    )


@committee_view(officers_only=True)
def representative(request, membership_id, committee):
    tra = committee.tra
    membership = get_object_or_404(_members(tra), pk=membership_id)
    if request.method == "POST":
        marking = request.POST.get("represents") == "yes"
        membership_representative_set(membership=membership, is_representative=marking)
        name = membership.resident.full_name
        messages.success(
            request,
            _("{name} {now_represents__if_marking_else__no_longer_represents} {name_2} on panels.").format(
                name=name,
                now_represents__if_marking_else__no_longer_represents="now represents"
                if marking
                else "no longer represents",
                name_2=tra.name,
            ),
        )
    return redirect("tenants_associations:committee_members", slug=tra.slug)


@committee_view
def notice_new(request, committee):
    tra = committee.tra
    form = NoticeForm(request.POST or None, submit="Send notice")
    if request.method == "POST" and form.is_valid():
        notice = notice_send(tra=tra, sent_by=committee.resident, **form.cleaned_data)
        messages.success(
            request, _("Your notice is on its way to {recipients} members.").format(recipients=notice.recipients)
        )
        return redirect("tenants_associations:committee_home", slug=tra.slug)
    return _form_page(
        request,
        committee,
        form,
        page_title=_("Send a notice to members"),
        intro=_(
            "It goes to all {count} members of {tra}, by email, or by text or letter if they have no email."
        ).format(count=_members(tra).count(), tra=tra.name),
        back_url_name="tenants_associations:committee_home",
    )


@committee_view
def meetings(request, committee):
    return render(
        request,
        "tenants_associations/committee/meetings.html",
        {
            "committee": committee,
            "tra": committee.tra,
            "meetings": TRAMeeting.objects.filter(tra=committee.tra).upcoming().with_event(),
        },
    )


@committee_view
def meeting_new(request, committee):
    tra = committee.tra
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        tra_meeting_schedule(
            tra=tra,
            kind=data["kind"],
            details=form.details(),
            scheduled_by=request.user,
            tell_people=data["tell_people"],
        )
        messages.success(request, _("The meeting has been added."))
        return redirect("tenants_associations:committee_meetings", slug=tra.slug)
    return _form_page(
        request, committee, form, page_title=_("Add a meeting"), back_url_name="tenants_associations:committee_meetings"
    )


@committee_view
def meeting_cancel(request, meeting_id, committee):
    tra = committee.tra
    meeting = get_object_or_404(TRAMeeting.objects.filter(tra=tra).upcoming().with_event(), pk=meeting_id)
    form = CancelMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        told = tra_meeting_cancel(meeting=meeting, reason=form.cleaned_data["reason"], by=request.user)
        told_them = " We have told everyone who said they were coming." if told else ""
        messages.success(request, _("The meeting has been cancelled.{told_them}").format(told_them=told_them))
        return redirect("tenants_associations:committee_meetings", slug=tra.slug)
    return render(
        request,
        "tenants_associations/committee/meeting_cancel.html",
        {"committee": committee, "tra": tra, "meeting": meeting, "event": meeting.event, "form": form},
    )


@committee_view
def documents(request, committee):
    return render(
        request,
        "tenants_associations/committee/documents.html",
        {"committee": committee, "tra": committee.tra, "documents": TRADocument.objects.filter(tra=committee.tra)},
    )


@committee_view
def document_new(request, committee):
    tra = committee.tra
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document_upload(tra=tra, uploaded_by=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("{cleaned_data__title} has been uploaded.").format(cleaned_data__title=form.cleaned_data["title"]),
        )
        return redirect("tenants_associations:committee_documents", slug=tra.slug)
    return _form_page(
        request,
        committee,
        form,
        page_title=_("Upload a document"),
        back_url_name="tenants_associations:committee_documents",
    )


@committee_view
def document_delete(request, document_id, committee):
    tra = committee.tra
    document = get_object_or_404(TRADocument.objects.filter(tra=tra), pk=document_id)
    if request.method == "POST":
        document_remove(document=document)
        messages.success(request, _("{title} has been removed.").format(title=document.title))
        return redirect("tenants_associations:committee_documents", slug=tra.slug)
    return render(
        request,
        "tenants_associations/committee/document_delete.html",
        {"committee": committee, "tra": tra, "document": document},
    )


def _form_page(request, committee, form, *, page_title: str, back_url_name: str, intro: str = ""):
    """A committee page with one form on it, and a way back to the list it belongs to."""
    context = {"committee": committee, "tra": committee.tra, "form": form, "page_title": page_title, "intro": intro}
    return render(request, "tenants_associations/committee/form.html", {**context, "back_url_name": back_url_name})
