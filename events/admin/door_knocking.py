"""Door-knocking pages on a round (an Event of kind door knocking): plan the estates, print visit sheets,
record each visit's outcome."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse

from engagement.dates import date_text
from engagement.models import Estate, Home
from events.admin.forms import VisitForm
from events.models import Event
from events.services.door_knocking import (
    WINTER_MONTHS,
    estate_email_ranking,
    previous_round,
    revisit_estates,
    revisit_list,
    round_plan,
    visit_record,
    visit_sheet,
)


class DoorKnockingPages:
    """Mixed into EventAdmin (needs its `_page` and `message_user`)."""

    def door_knocking_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:event_id>/door-knocking/plan/", view(self.round_plan_view), name="events_event_round_plan"),
            path(
                "<int:event_id>/door-knocking/<int:estate_id>/sheet/",
                view(self.visit_sheet_view),
                name="events_event_visit_sheet",
            ),
            path(
                "<int:event_id>/door-knocking/<int:estate_id>/visit/",
                view(self.visit_record_view),
                name="events_event_visit_record",
            ),
            path(
                "<int:event_id>/door-knocking/revisit/", view(self.revisit_list_view), name="events_event_revisit_list"
            ),
        ]

    def _round(self, request, event_id):
        round_event = get_object_or_404(Event, pk=event_id, kind=Event.Kind.DOOR_KNOCKING)
        if not self.has_change_permission(request, round_event):
            raise PermissionDenied
        return round_event

    def round_plan_view(self, request, event_id):
        round_event = self._round(request, event_id)
        if request.method == "POST":
            chosen = [int(pk) for pk in request.POST.getlist("estates") if pk.isdigit()]
            estates = {estate.pk: estate for estate in Estate.objects.filter(pk__in=chosen)}
            round_plan(round_event=round_event, estates=[estates[pk] for pk in chosen if pk in estates])
            self.message_user(request, f"{len(estates)} estate(s) on this round.", messages.SUCCESS)
            return redirect(reverse("admin:events_event_change", args=[round_event.pk]))
        planned = set(round_event.round_estates.values_list("estate_id", flat=True))
        previous = previous_round(round_event)
        revisits = len(revisit_list(round_event=previous)) if previous else 0
        # A round with nothing planned yet starts from the homes nobody answered at last time.
        starting = not planned and revisits > 0
        if starting:
            planned = {estate.pk for estate in revisit_estates(round_event)}
        return self._page(
            request,
            "admin/events/round_plan.html",
            title=f"Plan {round_event}",
            object=round_event,
            ranking=estate_email_ranking(),
            planned=planned,
            previous=previous,
            revisits=revisits,
            starting=starting,
        )

    def revisit_list_view(self, request, event_id):
        """The homes on this round where nobody answered, by estate: printed for the next round."""
        round_event = self._round(request, event_id)
        last_try = revisit_list(round_event=round_event)
        homes = (
            Home.objects.filter(pk__in=last_try)
            .select_related("block__estate")
            .order_by("block__estate__name", "block__name", "address_line_1")
        )
        return self._page(
            request,
            "admin/events/revisit_list.html",
            title=f"Revisit list: {round_event}",
            object=round_event,
            homes=[(home, last_try[home.pk]) for home in homes],
            following=Event.objects.filter(kind=Event.Kind.DOOR_KNOCKING, starts_at__gt=round_event.starts_at)
            .exclude(status=Event.Status.CANCELLED)
            .order_by("starts_at")
            .first(),
        )

    def visit_sheet_view(self, request, event_id, estate_id):
        round_event = self._round(request, event_id)
        estate = get_object_or_404(Estate, pk=estate_id)
        return self._page(
            request,
            "admin/events/visit_sheet.html",
            title=f"Visit sheet: {estate}, {round_event}",
            object=round_event,
            estate=estate,
            rows=visit_sheet(round_event=round_event, estate=estate),
            winter=round_event.starts_at.month in WINTER_MONTHS,
            visits=round_event.visits.filter(estate=estate).select_related("home", "resident", "recorded_by"),
        )

    def visit_record_view(self, request, event_id, estate_id):
        round_event = self._round(request, event_id)
        estate = get_object_or_404(Estate, pk=estate_id)
        form = VisitForm(request.POST or None, estate=estate, initial={"home": request.GET.get("home")})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            visit = visit_record(
                round_event=round_event,
                estate=estate,
                outcome=data["outcome"],
                home=data["home"],
                resident=data["resident"],
                notes=data["notes"],
                new_person=form.new_person(),
                interests=list(data["interests"]),
                consent_channels=data["consent_channels"],
                date_of_birth=data["date_of_birth"],
                issue=form.issue(),
                by=request.user,
            )
            if visit.issue_id:
                self.message_user(
                    request,
                    f"Visit recorded, and issue {visit.issue.reference} logged for "
                    f"{visit.issue.owner or 'no one yet'} to resolve by {date_text(visit.issue.target_date)}.",
                    messages.SUCCESS,
                )
            else:
                self.message_user(request, "Visit recorded.", messages.SUCCESS)
            return redirect(reverse("admin:events_event_visit_sheet", args=[round_event.pk, estate.pk]))
        return self._page(
            request,
            "admin/events/action_page.html",
            title=f"Record a visit: {estate}",
            object=round_event,
            form=form,
            submit="Record the visit",
        )
