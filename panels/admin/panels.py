from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from engagement.models import TenureType
from panels.eligibility import rule_choices, rule_for
from panels.models import EligibilityRule, Panel, PanelApplication, Recommendation
from panels.services.performance import performance_board_kept
from panels.services.records import recommendations_publish


class EligibilityRuleForm(forms.ModelForm):
    rule = forms.ChoiceField(choices=rule_choices)
    tenure_types = forms.MultipleChoiceField(
        choices=TenureType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="For the tenure rule.",
    )

    class Meta:
        model = EligibilityRule
        fields = ["rule", "for_seat", "tenure_types", "estates"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.rule
        if stored and stored not in dict(rule_choices()):
            # Kept visible so it can be deleted, rather than blocking every save of the panel.
            self.fields["rule"].choices = [*rule_choices(), (stored, f"{stored} (not in this version of the portal)")]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rule"):
            needed = rule_for(EligibilityRule(rule=cleaned["rule"])).parameters
            for field in needed:
                if not cleaned.get(field):
                    self.add_error(field, "Choose at least one for this rule")
        return cleaned


class EligibilityRuleInline(admin.TabularInline):
    model = EligibilityRule
    form = EligibilityRuleForm
    extra = 0
    filter_horizontal = ["estates"]
    verbose_name_plural = "who may join (a resident must meet every rule for the seat they apply for)"


class RecommendationForm(forms.ModelForm):
    """A published response is the council's public word, and members were told it: it stays as published."""

    class Meta:
        model = Recommendation
        fields = ["number", "text", "made_on", "response", "response_reasons", "responded_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.published_at is not None:
            for field in self.fields.values():
                field.disabled = True
            self.fields["response"].help_text = (
                "Published and told to the panel's members, so it cannot be changed. To change the council's "
                "response, add a new recommendation that says what has changed, and publish it."
            )


class RecommendationFormSet(forms.BaseInlineFormSet):
    def _should_delete_form(self, form):
        # Deleting would take a published response off the public record without a word.
        return super()._should_delete_form(form) and form.instance.published_at is None


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    form = RecommendationForm
    formset = RecommendationFormSet
    extra = 0
    fields = ["number", "text", "made_on", "response", "response_reasons", "responded_on", "published_at"]
    readonly_fields = ["published_at"]
    verbose_name_plural = "outcomes: recommendations and the council's response"


@admin.action(description="Publish the council's responses and tell the panel's members", permissions=["change"])
def publish_outcomes(modeladmin, request, queryset):
    for panel in queryset:
        published = recommendations_publish(panel=panel)
        if published:
            modeladmin.message_user(
                request, f"{panel}: {published} response(s) published and members told.", messages.SUCCESS
            )
        else:
            modeladmin.message_user(request, f"{panel}: no new responses to publish.", messages.WARNING)


class ReviewDueFilter(admin.SimpleListFilter):
    title = "terms of reference review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Due")]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.filter(terms_of_reference_review_date__lte=timezone.localdate())
        return queryset


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "status",
        "service_area",
        "waiting",
        "current_members",
        "deliver_by",
        "review_due",
    ]
    list_filter = ["kind", "status", "training_offered", "publishes_records", ReviewDueFilter]
    search_fields = ["name", "service_area"]
    prepopulated_fields = {"slug": ["name"]}
    actions = [publish_outcomes]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "service_area", "purpose", "status", "position"]}),
        (
            "Commitment",
            {
                "fields": [
                    "how_often",
                    "how_long",
                    "meeting_format",
                    "training_offered",
                    "training_details",
                    "tra_seats",
                ]
            },
        ),
        (
            "Task and finish",
            {
                "fields": ["task", "outcome_required", "deliver_by"],
                "description": "Required for task and finish panels.",
            },
        ),
        (
            "Contact",
            {
                "fields": ["contact_name", "contact_email", "contact_phone"],
                "description": "Shown to residents who cannot join, and on the panel's page.",
            },
        ),
        ("Terms of reference", {"fields": ["terms_of_reference", "terms_of_reference_review_date"]}),
        ("Publishing", {"fields": ["publishes_records"]}),
    ]

    def get_urls(self):
        board = path("performance/", self.admin_site.admin_view(self.performance_view), name="panels_panel_performance")
        return [board, *super().get_urls()]

    def performance_view(self, request):
        """The Service and Performance Panel's board, with the quarter in progress, for officers."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/panels/panel/performance.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Performance board for the Service and Performance Panel",
                "board": performance_board_kept(with_current=True),
                "board_panels": Panel.objects.filter(kind=Panel.Kind.SERVICE_AND_PERFORMANCE),
            },
        )

    def get_inlines(self, request, obj):
        if obj is not None and obj.kind == Panel.Kind.TASK_AND_FINISH:
            return [EligibilityRuleInline, RecommendationInline]
        return [EligibilityRuleInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                waiting_count=Count(
                    "applications",
                    filter=Q(applications__status__in=PanelApplication.AWAITING_DECISION),
                    distinct=True,
                ),
                member_count=Count("memberships", filter=Q(memberships__ended_on__isnull=True), distinct=True),
            )
        )

    @admin.display(description="applications waiting", ordering="waiting_count")
    def waiting(self, panel):
        return panel.waiting_count

    @admin.display(description="members", ordering="member_count")
    def current_members(self, panel):
        return panel.member_count

    @admin.display(boolean=True, description="review due")
    def review_due(self, panel):
        return panel.terms_of_reference_review_due()
