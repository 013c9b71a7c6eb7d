"""The resident's account: what we hold about them, and their say over it."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from engagement.forms.account import (
    CHANNEL_CHOICES,
    AccessNeedsForm,
    ContactDetailsForm,
    ContactPreferencesForm,
    EqualityMonitoringForm,
    InterestsForm,
)
from engagement.forms.sign_in import TenancyVerificationForm
from engagement.framework import account_links
from engagement.i18n.middleware import remember_preferred_language
from engagement.models import (
    AccessNeed,
    Block,
    Consent,
    ConsentSource,
    EqualityMonitoring,
    Estate,
    Home,
    Interest,
    Purpose,
    Resident,
    Tenancy,
    Ward,
)
from engagement.phones import display_uk_mobile
from engagement.services.consent import consent_record_many
from engagement.services.data_download import resident_data_zip
from engagement.services.erasure import resident_closure_request
from engagement.services.residents import tenancy_claim_waiting, tenancy_verify, verification_attempts_left
from engagement.versions import kept, row_facts
from engagement.views.residents import read_home, resident_required

# Every table the account page reads beside the resident's own record, which it has already (read with the
# account on sign-in) and which is in its key.
ACCOUNT_TABLES = (
    Tenancy,
    Home,
    Block,
    Estate,
    Ward,
    Consent,
    EqualityMonitoring,
    Interest,
    Resident.interests.through,
    AccessNeed,
    Resident.access_needs.through,
)


@resident_required(home=False)
def my_account(request, resident):
    content = kept(
        "my_account", lambda: _account_summary(resident), *ACCOUNT_TABLES, key=(row_facts(resident), get_language())
    )
    return render(request, "engagement/account/index.html", {"content": content})


def _account_summary(resident) -> str:
    """The account page's content as written: theirs alone, the same on each visit until something in it changes."""
    read_home(resident)
    given = {(c.channel, c.purpose) for c in resident.consents.all() if c.given}
    consent_rows = [
        {
            "purpose": purpose_label,
            "channels": [label for channel, label in CHANNEL_CHOICES if (channel, purpose) in given],
        }
        for purpose, purpose_label in (
            (Purpose.ENGAGEMENT, "Surveys and invitations"),
            (Purpose.SERVICE, "Bookings and applications"),
        )
    ]
    return render_to_string(
        "engagement/account/includes/summary.html",
        {
            "resident": resident,
            "mobile_display": display_uk_mobile(resident.mobile),
            "consent_rows": consent_rows,
            "interests": resident.interests.all(),
            "access_needs": resident.access_needs.all(),
            "has_equality_answers": EqualityMonitoring.objects.filter(resident=resident).exists(),
            "involvement_links": account_links(),
        },
    )


@resident_required
def verify_tenancy(request, resident):
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if resident.has_verified_tenancy:
        return redirect(next_url or "my_account")
    if tenancy_claim_waiting(resident):
        return render(request, "engagement/account/tenancy_claim_waiting.html")
    attempts_left = verification_attempts_left(request.user)
    form = TenancyVerificationForm(request.POST or None)
    if request.method == "POST" and attempts_left and form.is_valid():
        result = tenancy_verify(resident, **form.cleaned_data)
        if result.verified:
            messages.success(request, _("We have confirmed your tenancy. Now choose how we contact you."))
            return redirect(next_url or "contact_preferences")
        if result.claim:
            return render(request, "engagement/account/tenancy_claim_waiting.html")
        attempts_left = result.attempts_left
        if attempts_left:
            form.add_error(
                "reference",
                ngettext(
                    "The tenancy reference and postcode do not match our records. Check both and try again. "
                    "You have %(count)d try left today.",
                    "The tenancy reference and postcode do not match our records. Check both and try again. "
                    "You have %(count)d tries left today.",
                    attempts_left,
                )
                % {"count": attempts_left},
            )
    return render(
        request,
        "engagement/account/verify_tenancy.html",
        {"form": form, "attempts_left": attempts_left, "next": next_url},
    )


def _edit_page(request, *, form, template_title, success_message, save, intro=""):
    if request.method == "POST" and form.is_valid():
        save(form)
        messages.success(request, success_message)
        return redirect("my_account")
    return render(request, "engagement/account/edit.html", {"form": form, "page_title": template_title, "intro": intro})


def _save_contact_details(request, form):
    resident = form.save()
    # Pages are in the newly chosen language from the next one (engagement/i18n/middleware.py).
    remember_preferred_language(request, resident.preferred_language)


@resident_required
def contact_details(request, resident):
    form = ContactDetailsForm(request.POST or None, instance=resident)
    return _edit_page(
        request,
        form=form,
        template_title=_("Your contact details"),
        success_message=_("Your contact details have been saved."),
        save=lambda form: _save_contact_details(request, form),
    )


@resident_required
def contact_preferences(request, resident):
    form = ContactPreferencesForm(
        request.POST or None, resident=resident, initial=ContactPreferencesForm.initial_for(resident)
    )
    return _edit_page(
        request,
        form=form,
        template_title=_("How we contact you"),
        success_message=_("Your contact preferences have been saved."),
        save=lambda form: consent_record_many(resident, form.answers(), source=ConsentSource.ACCOUNT),
        intro=_("You can change these at any time. Every email and text about surveys also has a link to stop them."),
    )


@resident_required
def interests(request, resident):
    form = InterestsForm(request.POST or None, instance=resident)
    return _edit_page(
        request,
        form=form,
        template_title=_("What you would like to hear about"),
        success_message=_("Your interests have been saved."),
        save=lambda form: form.save(),
    )


@resident_required
def access_needs(request, resident):
    form = AccessNeedsForm(request.POST or None, instance=resident)
    return _edit_page(
        request,
        form=form,
        template_title=_("Your access needs"),
        success_message=_("Your access needs have been saved."),
        save=lambda form: form.save(),
        intro=_("Tell us once and we will use it whenever you book an event or apply to a panel."),
    )


@resident_required
def equality_monitoring(request, resident):
    answers = EqualityMonitoring.objects.filter(resident=resident).first() or EqualityMonitoring(resident=resident)
    form = EqualityMonitoringForm(request.POST or None, instance=answers)
    return _edit_page(
        request,
        form=form,
        template_title=_("Equality monitoring (optional)"),
        success_message=_("Thank you. Your answers have been saved."),
        save=lambda form: form.save(),
        intro=(
            _(
                "These questions are optional. Your answers help us check we hear from every part of the community. "
                "They are kept apart from the rest of your record and only a few staff who report on who takes part "
                "can see them. They never affect what you can join."
            )
        ),
    )


@resident_required
def download_my_data(request, resident):
    return render(request, "engagement/account/download.html", {"resident": resident})


@resident_required
def download_my_data_file(request, resident):
    response = FileResponse(
        resident_data_zip(resident),
        as_attachment=True,
        filename=f"my-data-{timezone.localdate().isoformat()}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@resident_required
def close_account(request, resident):
    """The resident asks us to close their account; an administrator erases it (see services/erasure.py)."""
    if request.method == "POST" and not resident.closure_requested_at:
        resident_closure_request(resident)
        messages.success(
            request,
            _(
                "We have your request to close your account. We have stopped sending you surveys and invitations, "
                "and will erase your details within one month."
            ),
        )
        return redirect("my_account")
    return render(
        request, "engagement/account/close.html", {"resident": resident, "page_title": _("Close your account")}
    )
