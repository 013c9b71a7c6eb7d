"""The public register of decisions: readable by anyone, no account needed, no personal data shown."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from engagement.decisions.forms import RegisterFilterForm
from engagement.decisions.models import Decision, DecisionSource
from engagement.decisions.services import contributions_of
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
