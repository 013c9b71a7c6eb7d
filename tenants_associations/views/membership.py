"""A resident joining or leaving their TRA, and registering interest in starting one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from engagement.views.residents import resident_required
from tenants_associations.forms import JoinForm, StartInterestForm
from tenants_associations.models import Membership, StartingInterest, TenantsAssociation
from tenants_associations.rules import tras_covering, tras_covering_by_activity
from tenants_associations.services.membership import MembershipRefused, membership_leave, membership_request
from tenants_associations.services.starting import (
    InterestRefused,
    starting_interest_register,
    starting_interest_withdraw,
)


@resident_required(verified_tenancy=True)
def join(request, slug, resident):
    tra = get_object_or_404(TenantsAssociation.objects.select_related("ward"), slug=slug)
    if Membership.objects.open().filter(tra=tra, resident=resident).exists():
        return redirect("tenants_associations:detail", slug=tra.slug)
    covering = list(tras_covering(resident).order_by("name"))
    if tra not in covering:
        # Not an error: tell them where they do belong.
        return render(
            request,
            "tenants_associations/not_your_tra.html",
            {"tra": tra, "covering": covering, "estate": resident.home.block.estate},
        )
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership_request(tra=tra, resident=resident, note=form.cleaned_data["note"])
        except MembershipRefused as refused:
            messages.info(request, str(refused))
        else:
            messages.success(
                request,
                _("You have asked to join {name}. We will tell you when the committee replies.").format(name=tra.name),
            )
        return redirect("tenants_associations:detail", slug=tra.slug)
    return render(
        request,
        "tenants_associations/join.html",
        {"form": form, "tra": tra, "page_title": _("Join {name}").format(name=tra.name)},
    )


@resident_required
def leave(request, slug, resident):
    tra = get_object_or_404(TenantsAssociation, slug=slug)
    membership = Membership.objects.open().filter(tra=tra, resident=resident).first()
    if membership is None:
        messages.info(request, _("You are not a member of {name}.").format(name=tra.name))
        return redirect("tenants_associations:detail", slug=tra.slug)
    if request.method == "POST":
        was_member = membership.status == Membership.Status.MEMBER
        membership_leave(membership=membership)
        done = "You have left" if was_member else "You have withdrawn your request to join"
        messages.success(request, f"{done} {tra.name}.")
        return redirect("tenants_associations:detail", slug=tra.slug)
    return render(request, "tenants_associations/leave.html", {"tra": tra, "membership": membership})


@resident_required(verified_tenancy=True)
def start(request, resident):
    estate = resident.home.block.estate
    covering, lapsed = tras_covering_by_activity(resident)
    interest = (
        StartingInterest.objects.filter(resident=resident, estate=estate, withdrawn_at__isnull=True)
        .select_related("invited_to__event__venue")
        .first()
    )
    if covering or interest:
        return render(
            request,
            "tenants_associations/start_status.html",
            {"estate": estate, "covering": covering, "interest": interest},
        )
    form = StartInterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            starting_interest_register(resident=resident, **form.cleaned_data)
        except InterestRefused as refused:
            messages.info(request, str(refused))
        else:
            messages.success(
                request,
                _("Thank you. We have registered your interest in starting a TRA for {name}.").format(name=estate.name),
            )
        return redirect("tenants_associations:start")
    return render(
        request,
        "tenants_associations/start.html",
        {
            "form": form,
            "estate": estate,
            "lapsed": lapsed,
            "page_title": _("Start a TRA for {name}").format(name=estate.name),
        },
    )


@resident_required
def start_withdraw(request, resident):
    if request.method == "POST":
        interest = StartingInterest.objects.filter(resident=resident, withdrawn_at__isnull=True).first()
        if interest is not None:
            starting_interest_withdraw(interest=interest)
            messages.success(request, _("We have withdrawn your interest in starting a TRA."))
    return redirect("tenants_associations:directory")
