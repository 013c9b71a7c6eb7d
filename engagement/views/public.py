"""Get involved and contact us: open to everyone, signed in or not."""

from datetime import date

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse

from engagement.forms.public import ContactForm, FormatRequestForm, GetInvolvedForm
from engagement.models import ContactEnquiry
from engagement.services.enquiries import enquiry_submit, interest_register
from engagement.services.format_requests import FORMAT_REQUEST_WORKING_DAYS, format_request_submit, local_page
from engagement.throttle import public_message_allowed, status_for
from engagement.views.residents import resident_or_none


def get_involved(request):
    resident = resident_or_none(request)
    if request.method == "POST":
        form = GetInvolvedForm(request.POST)
        if form.is_valid() and public_message_allowed(request, form):
            data = form.cleaned_data
            interest_register(
                name=data["name"],
                email=data["email"],
                mobile=data["mobile"],
                estate=data["estate"],
                interests=data["interests"],
                consent_email="email" in data["consent"],
                consent_text="text" in data["consent"],
                resident=resident,
            )
            return redirect("get_involved_done")
    else:
        initial = {}
        if resident is not None:
            initial = {
                "name": resident.full_name,
                "email": resident.email,
                "mobile": resident.mobile,
                "estate": resident.home.block.estate_id if resident.home else None,
                "interests": list(resident.interests.all()),
            }
        form = GetInvolvedForm(initial=initial)
    return render(request, "engagement/get_involved.html", {"form": form}, status=status_for(form))


def get_involved_done(request):
    return render(request, "engagement/get_involved_done.html")


def contact_us(request):
    resident = resident_or_none(request)
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid() and public_message_allowed(request, form):
            enquiry = enquiry_submit(**form.cleaned_data, resident=resident)
            return redirect(reverse("contact_us_done") + f"?reply_by={enquiry.reply_by}")
    else:
        initial = {}
        if resident is not None:
            initial = {
                "name": resident.full_name,
                "reply_by": ContactEnquiry.ReplyBy.EMAIL if resident.email else None,
                "email": resident.email,
                "mobile": resident.mobile,
                "postal_address": "\n".join(resident.home.address_lines) if resident.home else "",
            }
        form = ContactForm(initial=initial)
    return render(request, "engagement/contact_us.html", {"form": form}, status=status_for(form))


def contact_us_done(request):
    reply_by = request.GET.get("reply_by")
    return render(
        request,
        "engagement/contact_us_done.html",
        {"reply_by": reply_by if reply_by in ContactEnquiry.ReplyBy.values else ContactEnquiry.ReplyBy.EMAIL},
    )


def format_request(request):
    """Get this in another language or format: the form every page's footer and every letter leads to."""
    resident = resident_or_none(request)
    if request.method == "POST":
        form = FormatRequestForm(request.POST)
        if form.is_valid() and public_message_allowed(request, form):
            made = format_request_submit(**form.cleaned_data, resident=resident)
            # What the confirmation says, kept in the session: nothing about a request is in its address.
            request.session["format_request_sent"] = {
                "reply_by": made.reply_by,
                "due_by": made.due_by.isoformat(),
                "page": made.page,
            }
            return redirect("format_request_done")
    else:
        page = local_page(request.GET.get("page", ""))
        if page.startswith(reverse("format_request")):
            page = ""  # the footer link on this form's own pages: nothing to ask about
        initial = {"page": page, "about": settings.SITE_URL + page if page else ""}
        if resident is not None:
            initial |= {
                "name": resident.full_name,
                "reply_by": ContactEnquiry.ReplyBy.EMAIL if resident.email else None,
                "email": resident.email,
                "mobile": resident.mobile,
                "postal_address": "\n".join(resident.home.address_lines) if resident.home else "",
            }
        form = FormatRequestForm(initial=initial)
    context = {"form": form, "working_days": FORMAT_REQUEST_WORKING_DAYS}
    return render(request, "engagement/format_request.html", context, status=status_for(form))


def format_request_done(request):
    sent = request.session.get("format_request_sent")
    if not sent:
        return redirect("format_request")
    return render(
        request,
        "engagement/format_request_done.html",
        {
            "reply_by": sent["reply_by"],
            "due_by": date.fromisoformat(sent["due_by"]),
            "page": local_page(sent.get("page", "")),
        },
    )
