"""A resident's history in admin: one timeline of their bookings, messages, issues, applications,
memberships, named survey answers, consent changes, door-knocking visits and officers' notes."""

from collections import Counter

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path

from engagement.models import Resident
from engagement.services.resident_history import history_kinds, resident_history


class ResidentHistoryPage:
    """Mixed into ResidentAdmin."""

    def timeline_urls(self):
        view = self.admin_site.admin_view(self.timeline_view)
        return [path("<int:resident_id>/timeline/", view, name="engagement_resident_timeline")]

    def timeline_view(self, request, resident_id):
        resident = get_object_or_404(Resident, pk=resident_id)
        if not self.has_view_permission(request, resident):
            raise PermissionDenied
        kinds = history_kinds(request.user)
        entries = resident_history(resident, user=request.user)
        counts = Counter(entry.kind for entry in entries)
        chosen = request.GET.get("kind", "")
        if chosen in counts or chosen in {kind.code for kind in kinds}:
            entries = [entry for entry in entries if entry.kind == chosen]
        else:
            chosen = ""
        labels = {kind.code: kind.label for kind in kinds}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Timeline: {resident.full_name}",
            "resident": resident,
            "rows": [(entry, labels[entry.kind]) for entry in entries],
            "chosen_label": labels.get(chosen, "Everything"),
            "filters": [(kind.code, kind.label, counts[kind.code]) for kind in kinds],
            "total": sum(counts.values()),
            "chosen": chosen,
        }
        return TemplateResponse(request, "admin/engagement/resident/timeline.html", context)
