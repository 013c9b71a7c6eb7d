"""Workshop topics: see what others suggested, support it, or suggest your own."""

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from engagement.views.residents import resident_or_none, resident_required
from events.forms import WorkshopSuggestionForm
from events.models import WorkshopSuggestion, WorkshopSupport
from events.services.workshops import suggestion_submit, suggestion_support


def suggestions(request):
    resident = resident_or_none(request)
    open_suggestions = (
        WorkshopSuggestion.objects.filter(status=WorkshopSuggestion.Status.OPEN, published=True)
        .annotate(support_count=Count("supports"))
        .order_by("-support_count", "-created_at")
    )
    if resident is not None:
        open_suggestions = open_suggestions.annotate(
            supported=Exists(WorkshopSupport.objects.filter(suggestion=OuterRef("pk"), resident=resident))
        )
    return render(
        request,
        "events/suggestions.html",
        {"suggestions": open_suggestions, "resident": resident, "page_title": _("Workshop topics")},
    )


def suggest(request):
    """Residents suggest as themselves; partners (stakeholders) without an account give their details."""
    resident = resident_or_none(request)
    form = WorkshopSuggestionForm(request.POST or None, stakeholder=resident is None)
    if request.method == "POST" and form.is_valid():
        suggestion_submit(resident=resident, **form.cleaned_data)
        messages.success(
            request,
            _(
                "Thank you for your suggestion. A moderator will read it before others can see and support it. "
                "We will tell you if a workshop is arranged."
            ),
        )
        return redirect("events:suggestions")
    return render(
        request,
        "events/suggest.html",
        {"form": form, "resident": resident, "page_title": _("Suggest a workshop topic")},
    )


@require_POST
@resident_required
def support(request, resident, pk: int):
    suggestion = get_object_or_404(WorkshopSuggestion, pk=pk, status=WorkshopSuggestion.Status.OPEN, published=True)
    suggestion_support(suggestion=suggestion, resident=resident)
    messages.success(
        request, _("You support “{topic}”. We will tell you if a workshop is arranged.").format(topic=suggestion.topic)
    )
    return redirect("events:suggestions")
