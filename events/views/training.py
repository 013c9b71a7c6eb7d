"""A resident's own training record and volunteering hours (the programme itself is listed on What's on)."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from engagement.views.residents import resident_required
from events.services.training import training_booked, training_completed, volunteering_for

# Your training lists this many completed courses; the rest are in the resident's data download.
COMPLETED_SHOWN = 50


@resident_required
def my_training(request, resident):
    completed = list(training_completed(resident)[: COMPLETED_SHOWN + 1])
    return render(
        request,
        "events/my_training.html",
        {
            "completed": completed[:COMPLETED_SHOWN],
            "more_completed": len(completed) > COMPLETED_SHOWN,
            "booked": training_booked(resident),
            "page_title": _("Your training"),
        },
    )


@resident_required
def my_volunteering(request, resident):
    signed_up, total = volunteering_for(resident)
    return render(
        request,
        "events/my_volunteering.html",
        {"signed_up": signed_up, "total_hours": total, "page_title": _("Your volunteering")},
    )
