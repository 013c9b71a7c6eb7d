"""Officers run the yearly round: check and publish ideas, cost them, publish the result, record delivery."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from engagement.admin.actions import ChangePageActions, for_each_row, form_action
from engagement.admin.inlines import LabelledTabularInline
from engagement.community_projects.decisions import decision_of
from engagement.community_projects.models import ProjectUpdate, Proposal, Round
from engagement.community_projects.services import (
    Refused,
    delivery_changed,
    proposal_approve,
    proposal_reject,
    results_publish,
)
from engagement.dates import date_text


class ProposalsInline(admin.TabularInline):
    """The round's ideas at a glance; each is checked, costed and tracked on its own page."""

    model = Proposal
    fields = ["title", "estate", "moderation", "cost", "feasible", "funded", "delivery"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False
    verbose_name_plural = "ideas and projects"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("estate")


@admin.register(Round)
class RoundAdmin(ChangePageActions, admin.ModelAdmin):
    list_display = ["__str__", "stage_label", "budget_text", "ideas", "waiting", "households"]
    fieldsets = [
        (None, {"fields": ["year", "introduction", "budget"]}),
        (
            "Stages",
            {"fields": ["proposals_open_on", "proposals_close_on", "choosing_opens_on", "choosing_closes_on"]},
        ),
        ("Result", {"fields": ["results_published_at"]}),
    ]
    readonly_fields = ["results_published_at"]
    inlines = [ProposalsInline]
    actions = ["publish_results"]
    change_actions = {"publish_results": "Publish the results"}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                idea_count=Count("proposals", distinct=True),
                waiting_count=Count(
                    "proposals", filter=Q(proposals__moderation=Proposal.Moderation.WAITING), distinct=True
                ),
                household_count=Count("votes", distinct=True),
            )
        )

    @admin.display(description="stage")
    def stage_label(self, obj):
        return obj.stage_label()

    @admin.display(description="budget")
    def budget_text(self, obj):
        return obj.budget_text

    @admin.display(description="ideas")
    def ideas(self, obj):
        return obj.idea_count

    @admin.display(description="waiting to be checked")
    def waiting(self, obj):
        return obj.waiting_count

    @admin.display(description="households chose")
    def households(self, obj):
        return obj.household_count

    def change_actions_for(self, request, obj):
        return [] if obj.results_published_at else ["publish_results"]

    @admin.action(description="Publish the results", permissions=["publish"])
    def publish_results(self, request, queryset):
        for_each_row(
            self,
            request,
            queryset,
            lambda round: results_publish(round=round, by=request.user),
            refused=Refused,
            done="Results published for {count} round(s). Each funded project has its “you said, we did” decision.",
        )

    def has_publish_permission(self, request):
        return request.user.has_perm("community_projects.publish_round_results")


class UpdatesInline(LabelledTabularInline):
    model = ProjectUpdate
    fields = ["on", "note"]
    extra = 1
    verbose_name_plural = "updates and milestones (residents read these)"


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Why it is not published",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The resident who proposed it reads this.",
        error_messages={"required": "Say why it is not published"},
    )


@admin.register(Proposal)
class ProposalAdmin(ChangePageActions, admin.ModelAdmin):
    list_display = ["title", "round", "estate", "moderation", "cost_text", "feasible", "funded", "delivery"]
    list_filter = ["round", "moderation", "feasible", "funded", "delivery", "kind"]
    list_select_related = ["round", "estate"]
    search_fields = ["title"]
    autocomplete_fields = ["proposed_by", "partner"]
    fieldsets = [
        ("The idea", {"fields": ["round", "proposed_by", "title", "kind", "what", "estate", "where", "who_benefits"]}),
        ("Checked before residents see it", {"fields": ["moderation", "rejected_reason", "moderated"]}),
        ("Costed and checked", {"fields": ["cost", "feasible", "feasibility_reason"]}),
        (
            "Delivery (once funded)",
            {"fields": ["funded", "funding", "partner", "delivery", "delivered_on", "decision"]},
        ),
    ]
    readonly_fields = ["moderated", "funded", "decision"]
    inlines = [UpdatesInline]
    actions = ["approve", "reject"]
    change_actions = {"approve": "Publish this idea", "reject": "Do not publish this idea"}

    def change_actions_for(self, request, obj):
        return [] if obj.moderation != Proposal.Moderation.WAITING else list(self.change_actions)

    @admin.display(description="cost")
    def cost_text(self, obj):
        return obj.cost_text or "—"

    @admin.display(description="checked by")
    def moderated(self, obj):
        if not obj.moderated_at:
            return "Not yet"
        return f"{obj.moderated_by or 'Someone'}, {date_text(obj.moderated_at)}"

    @admin.display(description="“you said, we did” decision")
    def decision(self, obj):
        decision = decision_of(obj) if obj.pk else None
        if decision is None:
            return "Made when the results are published, for each funded project"
        url = reverse("admin:decisions_decision_change", args=[decision.pk])
        return format_html('<a href="{}">{}: {}</a>', url, decision.reference, decision.title)

    def save_model(self, request, obj, form, change):
        if "moderation" in form.changed_data:
            obj.moderated_by = request.user
            obj.moderated_at = timezone.now()
        if {"cost", "feasible"} & set(form.changed_data):
            obj.costed_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            for update in formset.new_objects:
                ProjectUpdate.objects.filter(pk=update.pk).update(created_by=request.user)
        if "delivery" in form.changed_data or "delivered_on" in form.changed_data:
            with transaction.atomic():
                delivery_changed(project=form.instance, by=request.user)

    @admin.action(description="Publish the selected ideas", permissions=["change"])
    def approve(self, request, queryset):
        for_each_row(
            self,
            request,
            queryset,
            lambda proposal: proposal_approve(proposal=proposal, by=request.user),
            refused=(Refused, ValidationError),
            done="{count} idea(s) published.",
        )

    reject = form_action(
        name="reject",
        description="Do not publish the selected ideas",
        form_class=RejectForm,
        run=lambda proposal, data, user: proposal_reject(proposal=proposal, by=user, reason=data["reason"]),
        refused=(Refused, ValidationError),
        done="{count} idea(s) not published. The residents who proposed them can see why on their account.",
        button="Do not publish",
    )
