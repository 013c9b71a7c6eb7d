"""Community projects pages: the year's round, ideas, choosing within the budget, the result and delivery.

Anyone can read; residents sign in to propose an idea, and confirm their tenancy to choose (one
choice from each home).
"""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from engagement.community_projects.decisions import decision_of
from engagement.community_projects.forms import ChoiceForm, ProposalForm
from engagement.community_projects.models import ProjectUpdate, Proposal, Round, Stage
from engagement.community_projects.services import (
    Refused,
    choice_make,
    choice_of,
    proposal_submit,
    round_result,
)
from engagement.community_projects.services import (
    yours as proposals_of,
)
from engagement.views.residents import resident_or_none, resident_required


def round_or_404(year: int) -> Round:
    """A round residents may see: ideas have been asked for."""
    return get_object_or_404(Round.objects.started(), year=year)


def index(request):
    rounds = list(Round.objects.started())
    return render(
        request, "community_projects/index.html", {"rounds": rounds, "current": rounds[0] if rounds else None}
    )


def round_page(request, year):
    found = round_or_404(year)
    stage = found.stage()
    resident = resident_or_none(request)
    context = {
        "round": found,
        "stage": stage,
        "Stage": Stage,
        "ideas": found.proposals.public().select_related("estate").order_by("title", "pk"),
        "household_choice": choice_of(found, resident) if resident and stage == Stage.CHOOSING else None,
        "result": round_result(found) if stage == Stage.RESULTS else None,
    }
    return render(request, "community_projects/round.html", context)


@resident_required
def propose(request, year, resident):
    found = round_or_404(year)
    if found.stage() != Stage.PROPOSING:
        return render(
            request, "community_projects/not_now.html", {"round": found, "heading": _("We are not taking ideas now")}
        )
    form = ProposalForm(request.POST or None)
    if form.is_bound and form.is_valid():
        try:
            proposal_submit(round=found, resident=resident, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("We have your idea. We will check it before it is published."))
            return redirect("community_projects:yours")
    title = _("Propose a community project")
    return render(request, "community_projects/propose.html", {"round": found, "form": form, "page_title": title})


@resident_required(verified_tenancy=True)
def choose(request, year, resident):
    found = round_or_404(year)
    if found.stage() != Stage.CHOOSING:
        return render(
            request, "community_projects/not_now.html", {"round": found, "heading": _("Choosing is not open now")}
        )
    if choice_of(found, resident) is not None:
        return redirect("community_projects:chosen", year=found.year)
    shortlist = found.proposals.on_the_shortlist().select_related("estate").order_by("title", "pk")
    form = ChoiceForm(request.POST or None, shortlist=shortlist)
    if form.is_bound and form.is_valid():
        try:
            choice_make(round=found, resident=resident, projects=list(form.cleaned_data["projects"]))
        except Refused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, str(refusal))
        else:
            return redirect("community_projects:chosen", year=found.year)
    context = {
        "round": found,
        "form": form,
        "shortlist": shortlist,
        "checked": form.checked(),
        "page_title": _("Choose which projects to fund"),
    }
    return render(request, "community_projects/choose.html", context)


@resident_required
def chosen(request, year, resident):
    found = round_or_404(year)
    choice = choice_of(found, resident)
    if choice is None:
        return redirect(found)
    return render(request, "community_projects/chosen.html", {"round": found, "choice": choice})


def project(request, year, pk):
    found = get_object_or_404(
        Proposal.objects.public()
        .filter(round__in=Round.objects.started(), round__year=year)
        .select_related("round", "estate", "partner")
        .prefetch_related(Prefetch("updates", queryset=ProjectUpdate.objects.order_by("on", "pk"))),
        pk=pk,
    )
    decision = decision_of(found) if found.funded else None
    return render(
        request,
        "community_projects/project.html",
        {"project": found, "round": found.round, "decision": decision if decision and decision.published_at else None},
    )


@resident_required
def yours(request, resident):
    return render(request, "community_projects/yours.html", {"proposals": proposals_of(resident)})
