"""Officers build surveys here, send the invitations and reminders, and enter paper or phone responses."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from engagement.messaging.services.outbox import run_soon
from surveys.admin.forms import (
    EnterResponseForm,
    KeepAnsweredFormSet,
    QuestionInlineForm,
    SurveyAdminForm,
    asks_a_tsm,
)
from surveys.admin.themes import ThemeInline
from surveys.models import Choice, Invitation, Question, Response, Section, Survey
from surveys.services.answering import response_enter_for_resident
from surveys.services.building import question_choices_sync
from surveys.services.invitations import invitations_sent, survey_audience
from surveys.tasks import send_survey_invitations, send_survey_reminders


def _count(model, *conditions, **filters):
    subquery = (
        model.objects.filter(*conditions, survey=OuterRef("pk"), **filters)
        .order_by()
        .values("survey")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(subquery, output_field=IntegerField()), 0)


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Survey.State.choices

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == Survey.State.NOT_OPEN:
            return queryset.filter(opens_at__gt=now)
        if self.value() == Survey.State.OPEN:
            return queryset.filter(opens_at__lte=now, closes_at__gt=now)
        if self.value() == Survey.State.CLOSED:
            return queryset.filter(closes_at__lte=now)
        return queryset


class SectionInline(admin.StackedInline):
    # Stacked, so each field has its label (a tabular inline's inputs have none, for screen readers).
    model = Section
    extra = 0
    fields = ["position", "title", "description"]
    verbose_name_plural = "sections (add them first; a survey with one section needs nothing here)"


class QuestionInline(admin.StackedInline):
    model = Question
    form = QuestionInlineForm
    formset = KeepAnsweredFormSet
    extra = 0
    show_change_link = True
    fields = [
        ("section", "position"),
        "text",
        "hint",
        ("kind", "required"),
        "choices_text",
        "allow_other",
        "max_length",
        ("scale_min", "scale_max", "scale_min_label", "scale_max_label"),
    ]
    verbose_name_plural = "questions (to skip to a section on an answer, save, then open the question)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "section":
            survey_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Section.objects.filter(survey_id=survey_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    form = SurveyAdminForm
    list_display = ["title", "kind", "state", "opens_at", "closes_at", "is_anonymous", "access", "invited", "responses"]
    list_filter = [StateFilter, "kind", "access", "is_anonymous"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "opens_at"
    change_form_template = "admin/surveys/survey/change_form.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "introduction", "privacy_notice"]}),
        ("When", {"fields": ["opens_at", "closes_at", "reminder_days_before_close"]}),
        ("How people answer", {"fields": ["access", "ask_tenancy", "is_anonymous", "layout"]}),
        (
            "Who it is for",
            {
                "fields": SurveyAdminForm.AUDIENCE_FIELDS,
                "description": "Invitations go only to residents with a confirmed tenancy who agreed to hear about surveys "
                "by that channel. You see how many before anything is sent.",
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                invited_count=_count(Invitation, invitations_sent()),
                response_count=_count(Response, submitted_at__isnull=False),
            )
        )

    @admin.display(description="state")
    def state(self, survey):
        return survey.State(survey.state()).label

    @admin.display(description="invited", ordering="invited_count")
    def invited(self, survey):
        return survey.invited_count

    @admin.display(description="responses", ordering="response_count")
    def responses(self, survey):
        return survey.response_count

    def get_inlines(self, request, obj):
        # Questions need a section to go in: on a new survey, add sections (or none) first.
        return [SectionInline, QuestionInline, ThemeInline] if obj else [SectionInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.responses.exists():
            return ["is_anonymous"]
        return []

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Question:
            for question_form in formset.forms:
                question = question_form.instance
                if question.pk and question_form.cleaned_data and not question_form.cleaned_data.get("DELETE"):
                    question_choices_sync(question=question, labels=question_form.cleaned_data.get("choice_labels"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not form.instance.sections.exists():
            Section.objects.create(survey=form.instance, position=1, title=form.instance.title)

    def response_add(self, request, obj, post_url_continue=None):
        messages.info(request, "Now add the questions.")
        return redirect("admin:surveys_survey_change", obj.pk)

    # --- Sending, reminding, entering responses ----------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:survey_id>/send-invitations/",
                view(self.send_invitations_view),
                name="surveys_survey_send_invitations",
            ),
            path(
                "<int:survey_id>/send-reminders/", view(self.send_reminders_view), name="surveys_survey_send_reminders"
            ),
            path(
                "<int:survey_id>/enter-response/", view(self.enter_response_view), name="surveys_survey_enter_response"
            ),
            *super().get_urls(),
        ]

    def _survey(self, request, survey_id, permission):
        if not request.user.has_perm(permission):
            raise PermissionDenied
        return get_object_or_404(Survey, pk=survey_id)

    def _page(self, request, survey, template, **context):
        return TemplateResponse(
            request,
            f"admin/surveys/survey/{template}.html",
            {**self.admin_site.each_context(request), "opts": self.model._meta, "survey": survey, **context},
        )

    def send_invitations_view(self, request, survey_id):
        survey = self._survey(request, survey_id, "surveys.send_survey_invitations")
        if survey.state() == Survey.State.CLOSED:
            messages.error(request, "The survey has closed, so no more invitations can be sent.")
            return redirect("admin:surveys_survey_change", survey.pk)
        if not survey.questions.exists():
            messages.error(request, "Add the questions before sending invitations.")
            return redirect("admin:surveys_survey_change", survey.pk)
        if request.method == "POST":
            run_soon(send_survey_invitations, survey.pk, request.user.pk)
            messages.success(request, "The invitations are being sent. The counts below fill in as they go.")
            return redirect("admin:surveys_survey_change", survey.pk)
        summary = survey_audience(survey).summary()
        already = Invitation.objects.filter(survey=survey).count()
        return self._page(request, survey, "send_invitations", summary=summary, already=already)

    def send_reminders_view(self, request, survey_id):
        survey = self._survey(request, survey_id, "surveys.send_survey_invitations")
        waiting = Invitation.objects.filter(survey=survey, reminded_at__isnull=True).exclude(
            response__submitted_at__isnull=False
        )
        if request.method == "POST":
            if not survey.is_open:
                messages.error(request, "Reminders can only be sent while the survey is open.")
            else:
                run_soon(send_survey_reminders, survey.pk)
                messages.success(request, "Reminders are being sent to invited residents who have not answered.")
            return redirect("admin:surveys_survey_change", survey.pk)
        return self._page(request, survey, "send_reminders", waiting=waiting.count())

    def enter_response_view(self, request, survey_id):
        survey = self._survey(request, survey_id, "surveys.enter_survey_response")
        form = EnterResponseForm(request.POST or None, admin_site=self.admin_site)
        if request.method == "POST" and form.is_valid():
            try:
                response = response_enter_for_resident(
                    survey=survey,
                    resident=form.cleaned_data["resident"],
                    channel=form.cleaned_data["channel"],
                    officer=request.user,
                )
            except ValidationError as error:
                form.add_error("resident", error)
            else:
                return redirect(reverse("surveys:answer", args=[response.token]))
        return self._page(request, survey, "enter_response", form=form, media=self.media + form.media)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["results_url"] = reverse("surveys:results", args=[obj.pk])
            context["public_url"] = reverse("surveys:survey", args=[obj.slug])
        return super().render_change_form(request, context, add, change, form_url, obj)


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = KeepAnsweredFormSet
    extra = 0
    fields = ["position", "label", "hint", "skip_to", "is_other"]
    readonly_fields = ["is_other"]
    verbose_name_plural = "choices (and where each one skips to)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "skip_to":
            question = Question.objects.filter(pk=request.resolver_match.kwargs.get("object_id")).first()
            kwargs["queryset"] = Section.objects.filter(survey_id=question.survey_id if question else None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """Reached from a survey's questions: where each choice can set a skip to a later section."""

    list_display = ["text", "survey", "kind", "required"]
    list_select_related = ["survey"]
    list_filter = ["kind"]
    search_fields = ["text", "survey__title"]
    fields = [
        "survey_link",
        "section",
        "position",
        "text",
        "hint",
        "kind",
        "required",
        "allow_other",
        "max_length",
        ("scale_min", "scale_max", "scale_min_label", "scale_max_label"),
    ]
    readonly_fields = ["survey_link"]
    inlines = [ChoiceInline]

    def has_module_permission(self, request):
        return False  # reached from the survey, not the index

    @admin.display(description="survey")
    def survey_link(self, question):
        url = reverse("admin:surveys_survey_change", args=[question.survey_id])
        return format_html('<a href="{}">{}</a>', url, question.survey)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "section":
            question = Question.objects.filter(pk=request.resolver_match.kwargs.get("object_id")).first()
            kwargs["queryset"] = Section.objects.filter(survey_id=question.survey_id if question else None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        question_choices_sync(question=form.instance)

    def has_change_permission(self, request, obj=None):
        # A TSM question is read only: the regulator's wording, options and filters must not change.
        if obj is not None and asks_a_tsm(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return False
