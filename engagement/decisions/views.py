"""The public register of decisions: readable by anyone, no account needed, no personal data shown."""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from engagement.decisions.evidence import decisions_for, evidence_rows, history_rows
from engagement.decisions.forms import EvidenceForm, RegisterFilterForm
from engagement.decisions.models import Decision, DecisionSource
from engagement.decisions.services import contributions_of
from engagement.exports import csv_response, xlsx_response
from engagement.views.residents import resident_required

PAGE_SIZE = 20


def register(request):
    form = RegisterFilterForm(request.GET or None)
    decisions = form.filter(Decision.objects.published()).order_by("-published_at", "-pk")
    decisions = decisions.prefetch_related("wards", "estates")
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "decisions/register.html", {"form": form, "page": page, "query": query.urlencode()})


def decision_detail(request, pk: int):
    decision = get_object_or_404(
        Decision.objects.published().prefetch_related(
            "wards", "estates", "history", Prefetch("sources", DecisionSource.objects.with_links())
        ),
        pk=pk,
    )
    return render(request, "decisions/decision.html", {"decision": decision})


@resident_required
def yours(request, resident):
    return render(request, "decisions/yours.html", {"contributions": contributions_of(resident)})


@staff_member_required
@permission_required("decisions.view_decision", raise_exception=True)
def evidence(request):
    form = EvidenceForm(request.GET or None)
    query = request.GET.urlencode()
    return render(request, "decisions/evidence.html", {"form": form, "query": query})


@staff_member_required
@permission_required("decisions.view_decision", raise_exception=True)
def evidence_export(request, fmt: str):
    form = EvidenceForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    decisions = decisions_for(year=filters.get("year"), ward=filters.get("ward"))
    name = "decisions-evidence-" + "-".join(
        part for part in (str(filters.get("year") or ""), slugify(filters.get("ward") or "")) if part
    ).strip("-")
    name = name.rstrip("-") or "decisions-evidence"
    if fmt == "csv":
        return csv_response(evidence_rows(decisions), f"{name}.csv")
    if fmt == "xlsx":
        return xlsx_response(
            {"Inputs and decisions": evidence_rows(decisions), "Status history": history_rows(decisions)},
            f"{name}.xlsx",
        )
    raise Http404("No such format")
