"""Coding written answers in admin: a survey's themes (on the survey's page, with how many answers carry
each), the written answers to tag with them, and those answers with their themes to export."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from engagement.admin.actions import form_action
from engagement.admin.inlines import LabelledTabularInline
from engagement.exports import csv_response, xlsx_response
from surveys.models import Theme, WrittenAnswer
from surveys.services.themes import ThemeRefused, answer_tag, answer_untag, written_answer_rows


def _tagged_link(theme) -> str:
    url = reverse("admin:surveys_writtenanswer_changelist") + f"?themes__id__exact={theme.pk}"
    return format_html('<a href="{}">{} answer{}</a>', url, theme.tagged, "" if theme.tagged == 1 else "s")


class ThemeInline(LabelledTabularInline):
    model = Theme
    fields = ["name", "description", "tagged_answers"]
    readonly_fields = ["tagged_answers"]
    extra = 1
    verbose_name_plural = "themes for coding written answers (tag answers from “Written answers”)"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(tagged=Count("answers"))

    @admin.display(description="answers tagged")
    def tagged_answers(self, theme):
        return _tagged_link(theme) if theme.pk else "—"


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    """Counts by theme, across surveys; each count leads to the answers tagged with it."""

    list_display = ["name", "survey", "tagged_answers"]
    list_filter = ["survey"]
    list_select_related = ["survey"]
    search_fields = ["name", "survey__title"]
    autocomplete_fields = ["survey"]
    fields = ["survey", "name", "description"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(tagged=Count("answers"))

    @admin.display(description="answers tagged", ordering="tagged")
    def tagged_answers(self, theme):
        return _tagged_link(theme)


class ThemeChoiceForm(forms.Form):
    theme = forms.ModelChoiceField(
        label="Theme",
        queryset=Theme.objects.select_related("survey").order_by("survey__title", "name"),
        help_text="A theme of the answers' own survey. Add themes on the survey's page.",
        error_messages={"required": "Choose a theme"},
    )


tag = form_action(
    name="tag",
    description="Tag the selected answers with a theme",
    form_class=ThemeChoiceForm,
    run=lambda answer, data, user: answer_tag(answer=answer, theme=data["theme"]),
    refused=ThemeRefused,
    done="{count} answer(s) tagged.",
    button="Tag them",
)
untag = form_action(
    name="untag",
    description="Take a theme off the selected answers",
    form_class=ThemeChoiceForm,
    run=lambda answer, data, user: answer_untag(answer=answer, theme=data["theme"]),
    refused=ThemeRefused,
    done="{count} answer(s) no longer tagged with it.",
    button="Take it off",
)


@admin.register(WrittenAnswer)
class WrittenAnswerAdmin(admin.ModelAdmin):
    list_display = ["answer", "question", "survey", "theme_names"]
    list_filter = ["question__survey", "themes"]
    search_fields = ["text"]
    list_per_page = 50
    fields = ["survey", "question", "text", "theme_names"]
    readonly_fields = fields
    actions = [tag, untag, "export_csv", "export_xlsx"]

    def get_queryset(self, request):
        return (
            WrittenAnswer.objects.written()
            .select_related("question__survey")
            .prefetch_related("themes")
            .order_by("-pk")
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="answer")
    def answer(self, answer):
        return str(answer)

    @admin.display(description="survey", ordering="question__survey__title")
    def survey(self, answer):
        return answer.question.survey

    @admin.display(description="themes")
    def theme_names(self, answer):
        return ", ".join(theme.name for theme in answer.themes.all()) or "—"

    @admin.action(description="Export the selected answers with their themes (CSV)", permissions=["view"])
    def export_csv(self, request, queryset):
        return csv_response(written_answer_rows(queryset), "written-answers.csv")

    @admin.action(description="Export the selected answers with their themes (Excel)", permissions=["view"])
    def export_xlsx(self, request, queryset):
        return xlsx_response({"Written answers": written_answer_rows(queryset)}, "written-answers.xlsx")
