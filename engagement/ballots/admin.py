from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify

from engagement.admin.actions import ChangePageActions, date_input, for_each_row, form_action
from engagement.admin.inlines import LabelledTabularInline
from engagement.ballots.forms import EnteredVoteForm, VoterReasonForm
from engagement.ballots.models import Ballot, BallotLogEntry, HousingRegisterDate, Scheme, Voter
from engagement.ballots.services import (
    BallotRefused,
    ballot_export_record,
    ballot_result,
    ballot_result_publish,
    ballot_turnout,
    log_rows,
    paper_rows,
    register_compile,
    register_rows,
    vote_cast,
    voter_add,
    voter_code_reissue,
    voter_exclude,
    voting_letters_send,
)
from engagement.exports import csv_response, xlsx_response


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "steering_group"]
    list_select_related = ["steering_group"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["estates"]
    fields = ["name", "slug", "estates", "summary", "steering_group"]


class BallotLogInline(LabelledTabularInline):
    model = BallotLogEntry
    fields = ["at", "by", "what", "voter"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "audit trail (never how anyone voted)"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by", "voter__resident")


def _when_field(label: str) -> forms.DateTimeField:
    # One labelled box (admin's split date and time boxes have no labels of their own).
    return forms.DateTimeField(
        label=label, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )


class BallotForm(forms.ModelForm):
    opens_at = _when_field("Voting opens")
    closes_at = _when_field("Voting closes")

    class Meta:
        model = Ballot
        fields = [
            "scheme",
            "slug",
            "question",
            "offer_summary",
            "offer_published_on",
            "landlord_offer",
            "residents_charter",
            "independent_body",
            "independent_body_phone",
            "opens_at",
            "closes_at",
        ]
        widgets = {"offer_published_on": date_input()}


@admin.register(Ballot)
class BallotAdmin(ChangePageActions, admin.ModelAdmin):
    form = BallotForm
    list_display = ["__str__", "offer_published_on", "opens_at", "closes_at", "result_published_at"]
    list_select_related = ["scheme"]
    search_fields = ["scheme__name", "question"]
    prepopulated_fields = {"slug": ["question"]}
    fieldsets = [
        (None, {"fields": ["scheme", "slug", "question", "offer_summary"]}),
        ("Landlord offer", {"fields": ["offer_published_on", "landlord_offer", "residents_charter"]}),
        ("Voting", {"fields": ["independent_body", "independent_body_phone", "opens_at", "closes_at"]}),
        ("Register and turnout", {"fields": ["register_compiled_at", "letters_sent", "turnout", "result"]}),
    ]
    readonly_fields = ["register_compiled_at", "letters_sent", "turnout", "result"]
    inlines = [BallotLogInline]
    actions = ["compile_register", "send_codes", "publish_result"]
    change_actions = {
        "compile_register": "Work out the register from the tenancy data",
        "send_codes": "Send voting codes by letter",
        "publish_result": "Publish the result",
    }

    def change_actions_for(self, request, obj):
        if obj.has_closed():
            return [] if obj.result_is_published else ["publish_result"]
        return ["send_codes"] if obj.letters_id else ["compile_register", "send_codes"]

    def get_urls(self):
        return [
            path(
                "<int:pk>/enter-vote/",
                self.admin_site.admin_view(self.enter_vote_view),
                name="ballots_ballot_enter_vote",
            ),
            path(
                "<int:pk>/export.<str:fmt>",
                self.admin_site.admin_view(self.export_view),
                name="ballots_ballot_export",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="voting codes sent")
    def letters_sent(self, ballot):
        if not ballot.letters_id:
            return "Not yet"
        url = reverse("admin:messaging_bulksend_change", args=[ballot.letters_id])
        return format_html('<a href="{}">{} letters (see how they are going)</a>', url, ballot.letters.recorded)

    @admin.display(description="turnout so far")
    def turnout(self, ballot):
        if not ballot.pk:
            return "-"
        counted = ballot_turnout(ballot)
        methods = format_html_join(", ", "{}: {}", ((label, n) for label, n in counted.by_method.items()))
        links = []
        if ballot.is_open():
            links.append(
                (
                    reverse("admin:ballots_ballot_enter_vote", args=[ballot.pk]),
                    "Enter a vote by post, phone or in person",
                )
            )
        for fmt in ("csv", "xlsx"):
            links.append(
                (
                    reverse("admin:ballots_ballot_export", args=[ballot.pk, fmt]),
                    f"Download for the scrutineer ({fmt.upper()})",
                )
            )
        return format_html(
            "{} of {} eligible voters have voted ({}%). {}.<br>{}",
            counted.voted,
            counted.eligible,
            counted.percentage,
            methods,
            format_html_join(" · ", '<a href="{}">{}</a>', links),
        )

    @admin.display(description="result")
    def result(self, ballot):
        if not ballot.pk or not ballot.has_closed():
            return "Counted once voting has closed."
        counted = ballot_result(ballot)
        published = "Published." if ballot.result_is_published else "Not yet published."
        return format_html(
            "Yes {} ({}%), no {} ({}%). {}",
            counted.yes,
            counted.yes_percentage,
            counted.no,
            counted.no_percentage,
            published,
        )

    @admin.action(description="Work out the register from the tenancy data", permissions=["change"])
    def compile_register(self, request, queryset):
        for_each_row(
            self,
            request,
            queryset,
            lambda ballot: register_compile(ballot=ballot, officer=request.user),
            refused=BallotRefused,
            done="Register worked out for {count} ballot(s).",
        )

    @admin.action(description="Send voting codes by letter", permissions=["change"])
    def send_codes(self, request, queryset):
        for_each_row(
            self,
            request,
            queryset,
            lambda ballot: voting_letters_send(ballot=ballot, officer=request.user),
            refused=BallotRefused,
            done="Voting codes are being sent by letter for {count} ballot(s).",
        )

    @admin.action(description="Publish the result", permissions=["change"])
    def publish_result(self, request, queryset):
        for_each_row(
            self,
            request,
            queryset,
            lambda ballot: ballot_result_publish(ballot=ballot, officer=request.user),
            refused=BallotRefused,
            done="Result published for {count} ballot(s).",
        )

    def enter_vote_view(self, request, pk):
        if not request.user.has_perm("ballots.enter_votes"):
            raise PermissionDenied
        ballot = get_object_or_404(Ballot.objects.select_related("scheme"), pk=pk)
        form = EnteredVoteForm(request.POST or None, question=ballot.question)
        if request.method == "POST" and form.is_valid():
            try:
                vote_cast(
                    ballot=ballot,
                    code=form.cleaned_data["code"],
                    choice=form.cleaned_data["choice"],
                    method=form.cleaned_data["method"],
                    entered_by=request.user,
                )
            except BallotRefused as refusal:
                form.add_error("choice" if refusal.code == "no_choice" else "code", str(refusal))
            else:
                self.message_user(request, "Vote recorded.", messages.SUCCESS)
                return redirect("admin:ballots_ballot_enter_vote", pk=ballot.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Enter a vote: {ballot.scheme.name}",
            "ballot": ballot,
            "form": form,
        }
        return TemplateResponse(request, "admin/ballots/enter_vote.html", context)

    def export_view(self, request, pk, fmt):
        if not request.user.has_perm("ballots.export_ballot"):
            raise PermissionDenied
        if fmt not in ("csv", "xlsx"):
            raise Http404("No such format")
        ballot = get_object_or_404(Ballot.objects.select_related("scheme"), pk=pk)
        ballot_export_record(ballot=ballot, officer=request.user, fmt=fmt)
        name = f"ballot-{slugify(ballot.scheme.name)}"
        if fmt == "csv":
            return csv_response(register_rows(ballot), f"{name}-register.csv")
        return xlsx_response(
            {"Register": register_rows(ballot), "Ballot papers": paper_rows(ballot), "Audit trail": log_rows(ballot)},
            f"{name}.xlsx",
        )


class VoterAddForm(forms.ModelForm):
    class Meta:
        model = Voter
        fields = ["ballot", "resident", "added_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["added_reason"].required = True
        self.fields[
            "added_reason"
        ].help_text = "Why they may vote (a freeholder, say). The independent scrutineer reads this."
        self.fields["added_reason"].error_messages["required"] = "Say why they may vote"

    def clean(self):
        cleaned = super().clean()
        ballot = cleaned.get("ballot")
        if ballot is not None and (ballot.letters_id is not None or ballot.has_closed()):
            self.add_error("ballot", "The register is fixed once the voting codes have been sent")
        return cleaned


@admin.register(Voter)
class VoterAdmin(admin.ModelAdmin):
    list_display = ["resident", "ballot", "basis", "age_checked", "on_register", "has_voted", "voted_by"]
    list_select_related = ["resident", "ballot__scheme"]
    list_filter = [
        "ballot",
        "basis",
        "age_checked",
        ("excluded_at", admin.EmptyFieldListFilter),
        ("voted_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["resident__first_name", "resident__last_name"]
    autocomplete_fields = ["resident"]
    readonly_fields = [
        "ballot",
        "resident",
        "basis",
        "age_checked",
        "added_reason",
        "added_by",
        "excluded_at",
        "excluded_reason",
        "excluded_by",
        "code_sent_at",
        "voted_at",
        "voted_by",
        "vote_entered_by",
    ]
    actions = [
        form_action(
            name="exclude",
            description="Take off the register",
            form_class=VoterReasonForm,
            run=lambda voter, data, user: voter_exclude(voter=voter, reason=data["reason"], officer=user),
            refused=BallotRefused,
            done="{count} taken off the register.",
            button="Take off the register",
        ),
        "send_new_code",
    ]

    @admin.action(description="Send a new voting code by letter (the old one stops working)", permissions=["change"])
    def send_new_code(self, request, queryset):
        for_each_row(
            self,
            request,
            queryset.select_related("ballot"),
            lambda voter: voter_code_reissue(voter=voter, officer=request.user),
            refused=BallotRefused,
            done="{count} new code(s) sent by letter.",
        )

    @admin.display(description="on the register", boolean=True)
    def on_register(self, voter):
        return voter.excluded_at is None

    @admin.display(description="voted", boolean=True)
    def has_voted(self, voter):
        return voter.voted_at is not None

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = VoterAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request, obj=None):
        return ["ballot", "resident", "added_reason"] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            return
        # Through the service, so the addition is in the ballot's audit trail.
        saved = voter_add(ballot=obj.ballot, resident=obj.resident, reason=obj.added_reason, officer=request.user)
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HousingRegisterDate)
class HousingRegisterDateAdmin(admin.ModelAdmin):
    list_display = ["resident", "joined_on", "recorded_by"]
    list_select_related = ["resident", "recorded_by"]
    search_fields = ["resident__first_name", "resident__last_name"]
    autocomplete_fields = ["resident"]
    fields = ["resident", "joined_on"]

    def save_model(self, request, obj, form, change):
        if form.has_changed():
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
