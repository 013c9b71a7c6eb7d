"""Walkabout requests, issues and their categories, in admin."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from engagement.admin.filters import estate_filter, ward_filter
from events.admin.forms import WalkaboutDeclineForm, WalkaboutScheduleForm
from events.models import Issue, IssueCategory, IssueUpdate, WalkaboutRequest
from events.services.issues import issue_update_add, photo_clean
from events.services.walkabouts import walkabout_decline, walkabout_schedule


@admin.register(WalkaboutRequest)
class WalkaboutRequestAdmin(admin.ModelAdmin):
    list_display = ["estate", "ward", "resident", "group_name", "status", "created_at", "walkabout"]
    list_filter = ["status", estate_filter(""), ward_filter("")]
    list_select_related = ["estate__ward", "resident", "walkabout"]
    search_fields = ["estate__name", "resident__last_name", "group_name", "what_to_look_at"]
    readonly_fields = [
        "resident",
        "estate",
        "group_name",
        "what_to_look_at",
        "suggested_dates",
        "status",
        "walkabout",
        "officer_reply",
        "created_at",
    ]
    change_form_template = "admin/events/walkaboutrequest/change_form.html"

    @admin.display(ordering="estate__ward__name")
    def ward(self, request_):
        return request_.estate.ward

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/schedule/", view(self.schedule_view), name="events_walkaboutrequest_schedule"),
            path("<int:pk>/decline/", view(self.decline_view), name="events_walkaboutrequest_decline"),
            *super().get_urls(),
        ]

    def _page(self, request, **context):
        return TemplateResponse(
            request,
            "admin/events/action_page.html",
            {**self.admin_site.each_context(request), "opts": self.model._meta, **context},
        )

    def schedule_view(self, request, pk):
        walkabout_request = get_object_or_404(WalkaboutRequest.objects.select_related("estate", "resident"), pk=pk)
        if not (self.has_change_permission(request, walkabout_request) and request.user.has_perm("events.add_event")):
            raise PermissionDenied
        if walkabout_request.walkabout_id:
            return redirect(reverse("admin:events_event_change", args=[walkabout_request.walkabout_id]))
        form = WalkaboutScheduleForm(request.POST or None, initial={"lead_officer": request.user})
        if request.method == "POST" and form.is_valid():
            event = walkabout_schedule(walkabout_request=walkabout_request, by=request.user, **form.cleaned_data)
            self.message_user(
                request,
                "Walkabout scheduled and the resident told. Now invite staff and stakeholders below, then use the "
                "buttons at the top of the page to send their invitations and promote it to the estate.",
                messages.SUCCESS,
            )
            return redirect(reverse("admin:events_event_change", args=[event.pk]))
        return self._page(
            request,
            title=f"Schedule a walkabout on {walkabout_request.estate}",
            object=walkabout_request,
            form=form,
            intro=(
                f"Asked for: {walkabout_request.what_to_look_at}. "
                f"Suggested dates: {walkabout_request.suggested_dates or 'none given'}."
            ),
            submit="Schedule and tell the resident",
        )

    def decline_view(self, request, pk):
        walkabout_request = get_object_or_404(WalkaboutRequest.objects.select_related("estate", "resident"), pk=pk)
        if not self.has_change_permission(request, walkabout_request):
            raise PermissionDenied
        form = WalkaboutDeclineForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            walkabout_decline(walkabout_request=walkabout_request, reply=form.cleaned_data["reply"])
            self.message_user(request, "The resident has been told.", messages.SUCCESS)
            return redirect(reverse("admin:events_walkaboutrequest_changelist"))
        return self._page(
            request,
            title=f"Decline the walkabout request for {walkabout_request.estate}",
            object=walkabout_request,
            form=form,
            submit="Decline and tell the resident",
        )


@admin.register(IssueCategory)
class IssueCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "timescale_days", "designated_contact"]
    list_editable = ["timescale_days", "designated_contact"]
    list_select_related = ["designated_contact"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "designated_contact":
            # Read the staff list once: every editable row of the list shares it, rather than a query per row.
            field.choices = list(field.choices)
        return field


class OverdueFilter(admin.SimpleListFilter):
    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue"), ("no", "Not overdue")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        if self.value() == "no":
            return queryset.exclude(pk__in=Issue.objects.overdue().values("pk"))
        return queryset


class IssueUpdateInline(admin.StackedInline):
    model = IssueUpdate
    extra = 1
    fields = ["text", "status", "tell_resident", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    verbose_name_plural = "updates (new updates marked “tell resident” are sent to the resident who raised it)"

    def has_change_permission(self, request, obj=None):
        return False  # updates are a record of what was said: add, do not rewrite


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "category",
        "estate",
        "location",
        "owner",
        "target_date",
        "status",
        "overdue",
        "raised_by",
    ]
    list_filter = ["status", OverdueFilter, "category", estate_filter(""), ward_filter(""), "owner"]
    list_select_related = ["category", "estate", "owner", "raised_by"]
    search_fields = ["location", "description", "estate__name", "raised_by__last_name"]
    autocomplete_fields = ["estate", "event", "raised_by"]
    readonly_fields = ["created_at", "resolved_at"]
    inlines = [IssueUpdateInline]
    date_hierarchy = "created_at"

    @admin.display(boolean=True)
    def overdue(self, issue):
        return issue.is_overdue

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # Left empty, they come from the category: its designated contact and timescale.
        form.base_fields["target_date"].required = False
        form.base_fields["target_date"].help_text = "Leave empty to use the category's timescale."
        form.base_fields["owner"].help_text = "Leave empty for the category's designated contact."
        return form

    def save_model(self, request, obj, form, change):
        if "photo" in form.changed_data and obj.photo:
            cleaned = photo_clean(obj.photo)
            obj.photo.save(cleaned.name, cleaned, save=False)
        if not obj.target_date:
            obj.target_date = Issue.target_for(obj.category, timezone.localdate())
        if obj.owner_id is None:
            obj.owner = obj.category.designated_contact
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not IssueUpdate:
            return super().save_formset(request, form, formset, change)
        # Each new update goes through the service, so the resident is told; admin's history names the saved ones.
        formset.new_objects = [
            issue_update_add(
                issue=form.instance,
                text=update.text,
                status=update.status,
                tell_resident=update.tell_resident,
                author=request.user,
            )
            for update in formset.save(commit=False)
        ]
