from django import forms
from django.contrib import admin, messages
from django.db import models, transaction

from engagement.admin.actions import WEB_ADDRESSES, ChangePageActions
from engagement.admin.inlines import LabelledTabularInline
from engagement.dates import date_text
from engagement.decisions.models import (
    SOURCE_KINDS,
    Action,
    ClosingReport,
    Decision,
    DecisionSource,
    DecisionStatusChange,
)
from engagement.decisions.services import decision_publish, decision_record_status, decision_unpublish
from events.models import Visit
from panels.models import Recommendation


class _SourceInline(LabelledTabularInline):
    model = DecisionSource
    extra = 0
    link: str = ""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(**{f"{self.link}__isnull": False}).select_related(self.link)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == self.link:
            field.required = True
        return field


class RecommendationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, recommendation):
        return f"{recommendation.panel}: recommendation {recommendation.number}"


class ActionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, action):
        return f"{action.report.event}: {action.action}"


class VisitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, visit):
        return f"{visit.estate}, {date_text(visit.recorded_at)}: {visit.get_outcome_display()}"


def _source_inline(link: str) -> type[_SourceInline]:
    attributes = {
        "link": link,
        "fields": [link, "note"],
        "verbose_name": SOURCE_KINDS[link].label.lower(),
        "verbose_name_plural": SOURCE_KINDS[link].plural,
        "__module__": __name__,
    }
    if SOURCE_KINDS[link].searchable:
        attributes["autocomplete_fields"] = [link]
    return type(f"{link.title()}SourceInline", (_SourceInline,), attributes)


class RecommendationSourceInline(_source_inline("recommendation")):
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "recommendation":
            kwargs["queryset"] = Recommendation.objects.select_related("panel")
            kwargs["form_class"] = RecommendationChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ActionSourceInline(_source_inline("action")):
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "action":
            kwargs["queryset"] = Action.objects.select_related("report__event").order_by("-report__event__starts_at")
            kwargs["form_class"] = ActionChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# Visits worth linking are conversations; the list shows the latest, and keeps any already linked.
VISITS_OFFERED = 500


class VisitSourceInline(_source_inline("visit")):
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "visit":
            recent = Visit.objects.filter(outcome__in=[Visit.Outcome.SPOKE, Visit.Outcome.ISSUE_RAISED]).order_by(
                "-recorded_at"
            )[:VISITS_OFFERED]
            linked = DecisionSource.objects.filter(visit__isnull=False).values("visit")
            kwargs["queryset"] = (
                Visit.objects.filter(
                    models.Q(pk__in=list(recent.values_list("pk", flat=True))) | models.Q(pk__in=linked)
                )
                .select_related("estate")
                .order_by("-recorded_at")
            )
            kwargs["form_class"] = VisitChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# Kinds whose picker lists need more than a plain choice or search box.
_CUSTOM_SOURCE_INLINES = {
    "recommendation": RecommendationSourceInline,
    "action": ActionSourceInline,
    "visit": VisitSourceInline,
}


class StatusHistoryInline(LabelledTabularInline):
    model = DecisionStatusChange
    fields = ["changed_on", "status", "note", "changed_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "history (recorded when the status changes)"

    def has_add_permission(self, request, obj=None):
        return False


class DecisionForm(forms.ModelForm):
    status_note = forms.CharField(
        label="What changed (for the history)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only when you change the status. Residents read it, and it goes to everyone told.",
    )


@admin.register(Decision)
class DecisionAdmin(ChangePageActions, admin.ModelAdmin):
    form = DecisionForm
    list_display = ["title", "status", "topic", "owner", "target_date", "published_at"]
    list_filter = ["status", "topic", ("published_at", admin.EmptyFieldListFilter), "wards"]
    list_select_related = ["owner"]
    search_fields = ["title", "you_said", "we_did"]
    autocomplete_fields = ["owner", "estates"]
    filter_horizontal = ["wards"]
    date_hierarchy = "created_at"
    fieldsets = [
        (None, {"fields": ["title", "topic", "you_said", "how_many", "we_did"]}),
        ("Where it stands", {"fields": ["status", "status_note", "reason_not_doing", "owner", "target_date"]}),
        ("Where", {"fields": ["wards", "estates"]}),
        ("More", {"fields": ["link_url", "link_text", "published_at"]}),
    ]
    readonly_fields = ["published_at"]
    inlines = [
        *(_CUSTOM_SOURCE_INLINES.get(kind) or _source_inline(kind) for kind in SOURCE_KINDS),
        StatusHistoryInline,
    ]
    formfield_overrides = WEB_ADDRESSES
    actions = ["publish", "unpublish"]
    change_actions = {"publish": "Publish and tell everyone behind it", "unpublish": "Take off the public register"}

    def change_actions_for(self, request, obj):
        return ["unpublish"] if obj.published_at else ["publish"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the sources are saved, so a change is told to everyone behind the sources as saved.
        with transaction.atomic():
            decision_record_status(decision=form.instance, by=request.user, note=form.cleaned_data["status_note"])

    @admin.action(description="Publish, and tell everyone behind it", permissions=["change"])
    def publish(self, request, queryset):
        for decision in queryset:
            decision_publish(decision=decision)
        self.message_user(
            request, f"{queryset.count()} published. Everyone behind them is being told (once each).", messages.SUCCESS
        )

    @admin.action(description="Take off the public register", permissions=["change"])
    def unpublish(self, request, queryset):
        for decision in queryset:
            decision_unpublish(decision=decision)
        self.message_user(request, f"{queryset.count()} taken off the public register.", messages.SUCCESS)


class ActionInline(LabelledTabularInline):
    model = Action
    fields = ["action", "owner", "due_date", "status"]
    autocomplete_fields = ["owner"]
    extra = 1
    verbose_name_plural = "action plan (link an action to a decision from the decision's page)"


@admin.register(ClosingReport)
class ClosingReportAdmin(admin.ModelAdmin):
    list_display = ["event", "people_came", "actions_count", "published"]
    list_select_related = ["event"]
    list_filter = ["published", "event__kind"]
    search_fields = ["event__title", "what_was_raised", "what_happens_next"]
    autocomplete_fields = ["event"]
    fields = ["event", "people_came", "what_was_raised", "what_happens_next", "published"]
    inlines = [ActionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(actions_total=models.Count("actions"))

    @admin.display(description="actions", ordering="actions_total")
    def actions_count(self, report):
        return report.actions_total

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
