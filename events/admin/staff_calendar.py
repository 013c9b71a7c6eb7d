"""The staff calendar in admin: a month or a week of every event, meeting and door-knocking round."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils import timezone

from engagement.dates import date_text, month_text
from events.admin.forms import StaffCalendarForm
from events.services.staff_calendar import month_weeks, week_days


def _months_later(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    return date(month_index // 12, month_index % 12 + 1, 1)


class StaffCalendarPage:
    """Mixed into EventAdmin (needs its `_page`)."""

    def staff_calendar_urls(self):
        view = self.admin_site.admin_view(self.staff_calendar_view)
        return [path("calendar/", view, name="events_event_staff_calendar")]

    def staff_calendar_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = StaffCalendarForm(request.GET)
        chosen = form.cleaned_data if form.is_valid() else {}
        on = chosen.get("on") or timezone.localdate()
        if not 2000 <= on.year <= 2100:
            on = timezone.localdate()
        view = chosen.get("view") or "month"
        filters = {
            "kind": chosen.get("kind", ""),
            "estate": chosen.get("estate"),
            "officer": chosen.get("officer"),
        }
        if view == "week":
            monday = on - timedelta(days=on.weekday())
            days = week_days(monday, **filters)
            context = {
                "days": days,
                "heading": f"Week of {date_text(monday)}",
                "previous": monday - timedelta(days=7),
                "following": monday + timedelta(days=7),
            }
        else:
            first = on.replace(day=1)
            context = {
                "weeks": month_weeks(first.year, first.month, **filters),
                "heading": month_text(first),
                "previous": _months_later(first, -1),
                "following": _months_later(first, 1),
            }
        # Links to another month or week, or to the other view, keep the kind, estate and officer chosen.
        keep = request.GET.copy()
        for key in ("on", "view"):
            keep.pop(key, None)
        return self._page(
            request,
            "admin/events/staff_calendar.html",
            title="Staff calendar",
            form=form,
            view=view,
            on=on,
            keep=keep.urlencode(),
            today=timezone.localdate(),
            **context,
        )
