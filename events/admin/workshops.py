from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from events.admin.forms import WorkshopFromSuggestionForm
from events.models import WorkshopSuggestion
from events.services.workshops import suggestion_moderate, suggestion_to_workshop


@admin.register(WorkshopSuggestion)
class WorkshopSuggestionAdmin(admin.ModelAdmin):
    list_display = [
        "topic",
        "suggested_by",
        "stakeholder_name",
        "supporters",
        "status",
        "published",
        "workshop",
        "created_at",
    ]
    list_filter = ["status", "published"]
    list_select_related = ["suggested_by", "workshop"]
    search_fields = ["topic", "details", "stakeholder_name"]
    readonly_fields = ["suggested_by", "workshop", "created_at", "published", "moderated_by", "moderated_at"]
    change_form_template = "admin/events/workshopsuggestion/change_form.html"
    actions = ["publish", "unpublish"]

    @admin.action(description="Approve: show for others to support", permissions=["change"])
    def publish(self, request, queryset):
        for suggestion in queryset:
            suggestion_moderate(suggestion=suggestion, publish=True, by=request.user)
        self.message_user(request, f"{queryset.count()} suggestion(s) shown for others to support.", messages.SUCCESS)

    @admin.action(description="Do not show (breaks the house rules, or not a workshop topic)", permissions=["change"])
    def unpublish(self, request, queryset):
        for suggestion in queryset:
            suggestion_moderate(suggestion=suggestion, publish=False, by=request.user)
        self.message_user(request, f"{queryset.count()} suggestion(s) kept off the workshops page.", messages.SUCCESS)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(support_count=Count("supports"))

    @admin.display(ordering="support_count")
    def supporters(self, suggestion):
        return suggestion.support_count

    def get_urls(self):
        return [
            path(
                "<int:pk>/workshop/",
                self.admin_site.admin_view(self.workshop_view),
                name="events_workshopsuggestion_workshop",
            ),
            *super().get_urls(),
        ]

    def workshop_view(self, request, pk):
        suggestion = get_object_or_404(WorkshopSuggestion, pk=pk)
        if not request.user.has_perm("events.add_event"):
            raise PermissionDenied
        if suggestion.workshop_id:
            return redirect(reverse("admin:events_event_change", args=[suggestion.workshop_id]))
        form = WorkshopFromSuggestionForm(
            request.POST or None, initial={"title": f"Workshop: {suggestion.topic}", "description": suggestion.details}
        )
        if request.method == "POST" and form.is_valid():
            workshop = suggestion_to_workshop(suggestion=suggestion, by=request.user, **form.cleaned_data)
            self.message_user(request, "Workshop published and its supporters told.", messages.SUCCESS)
            return redirect(reverse("admin:events_event_change", args=[workshop.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Turn “{suggestion}” into a workshop",
            "object": suggestion,
            "form": form,
            "submit": "Publish the workshop and tell supporters",
            "intro": f"{suggestion.supports.count()} resident(s) support this topic; each will be told.",
        }
        return TemplateResponse(request, "admin/events/action_page.html", context)
