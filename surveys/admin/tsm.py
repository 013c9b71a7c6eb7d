"""Officers set up the year's Tenant Satisfaction Measures survey (built from the regulator's wording),
draw its sample, publish its results, and enter the management information measures each year."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from engagement.admin.actions import ChangePageActions, for_each_row
from surveys.models import ManagementInformation, TsmSurvey
from surveys.services.tsm.sampling import tsm_sample_draw, tsm_sample_plan
from surveys.services.tsm.setup import tsm_survey_create
from surveys.tsm.wording import MANAGEMENT_MEASURES


class TsmSurveyAddForm(forms.ModelForm):
    opens_at = forms.DateTimeField(label="Opens", help_text="For example 2026-09-01 09:00.")
    closes_at = forms.DateTimeField(label="Closes")

    class Meta:
        model = TsmSurvey
        fields = [
            "year",
            "landlord_name",
            "minutes",
            "method",
            "expected_response_rate",
            "weighted",
            "contractor",
            "incentives",
            "excluded_households",
            "exclusion_reasons",
            "other_issues",
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("opens_at") and cleaned.get("closes_at") and cleaned["closes_at"] <= cleaned["opens_at"]:
            self.add_error("closes_at", "The survey must close after it opens.")
        return cleaned


@admin.register(TsmSurvey)
class TsmSurveyAdmin(ChangePageActions, admin.ModelAdmin):
    list_display = ["__str__", "method", "lcra_homes", "lcho_homes", "published_at"]
    actions = ["draw_sample", "publish_results"]
    change_actions = {"draw_sample": "Draw the sample", "publish_results": "Publish the results"}
    readonly_fields = ["year", "survey_link", "sample_plan", "results_links", "sampled_at", "published_at"]
    fieldsets = [
        (None, {"fields": ["year", "survey_link", "landlord_name", "minutes"]}),
        (
            "Who is asked",
            {"fields": ["method", "lcra_homes", "lcho_homes", "lcra_margin", "lcho_margin", "expected_response_rate"]},
        ),
        ("Sample", {"fields": ["sample_plan", "sampled_at"]}),
        (
            "Summary of approach",
            {
                "fields": [
                    "weighted",
                    "contractor",
                    "incentives",
                    "excluded_households",
                    "exclusion_reasons",
                    "other_issues",
                ]
            },
        ),
        ("Results", {"fields": ["results_links", "published_at"]}),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = TsmSurveyAddForm
            kwargs["fields"] = [*TsmSurveyAddForm.Meta.fields, "opens_at", "closes_at"]
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    None,
                    {
                        "fields": [
                            *TsmSurveyAddForm.Meta.fields[:4],
                            "opens_at",
                            "closes_at",
                            *TsmSurveyAddForm.Meta.fields[4:],
                        ]
                    },
                )
            ]
        return self.fieldsets

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        data = {name: form.cleaned_data[name] for name in TsmSurveyAddForm.Meta.fields}
        created = tsm_survey_create(
            **data,
            opens_at=form.cleaned_data["opens_at"],
            closes_at=form.cleaned_data["closes_at"],
            created_by=request.user,
        )
        obj.pk, obj.survey = created.pk, created.survey

    @admin.display(description="survey")
    def survey_link(self, tsm):
        url = reverse("admin:surveys_survey_change", args=[tsm.survey_id])
        return format_html(
            '<a class="govuk-link" href="{}">{}: its invitations, letters and answers entered by officers</a>',
            url,
            tsm.survey.title,
        )

    @admin.display(description="responses needed")
    def sample_plan(self, tsm):
        rows = format_html_join(
            "",
            "<li>{}: {} homes, ±{} points at {} confidence needs {} responses ({}); invite {}.</li>",
            (
                (
                    plan.label,
                    f"{plan.homes:,}",
                    plan.size.margin,
                    plan.size.confidence,
                    f"{plan.size.required:,}",
                    plan.size.formula,
                    f"{plan.to_invite:,}",
                )
                for plan in tsm_sample_plan(tsm)
            ),
        )
        drawn = tsm.sample.count()
        return format_html("<ul>{}</ul>{}", rows, f"{drawn:,} households drawn." if drawn else "")

    @admin.display(description="results")
    def results_links(self, tsm):
        return format_html(
            '<a class="govuk-link" href="{}">See the results page</a> · '
            '<a class="govuk-link" href="{}">Regulator’s return (CSV)</a> · '
            '<a class="govuk-link" href="{}">Regulator’s return (Excel)</a>',
            reverse("surveys:tsm_preview", args=[tsm.pk]),
            reverse("surveys:tsm_csv", args=[tsm.pk]),
            reverse("surveys:tsm_xlsx", args=[tsm.pk]),
        )

    @admin.action(description="Draw the stratified random sample", permissions=["change"])
    def draw_sample(self, request, queryset):
        for_each_row(
            self,
            request,
            queryset.select_related("survey"),
            lambda tsm: tsm_sample_draw(tsm=tsm),
            refused=ValueError,
            done="Sample drawn for {count} survey(s).",
        )

    @admin.action(description="Publish the results on the Tenant Satisfaction Measures page", permissions=["change"])
    def publish_results(self, request, queryset):
        closed = queryset.filter(survey__closes_at__lte=timezone.now())
        published = closed.update(published_at=timezone.now())
        self.message_user(request, f"{published} result(s) published.", messages.SUCCESS)
        if queryset.count() > published:
            self.message_user(request, "Only surveys that have closed can be published.", messages.WARNING)


def _definitions():
    return format_html(
        "<p>What to count for each measure, as the regulator defines it:</p><ul>{}</ul>",
        format_html_join(
            "",
            "<li><strong>{} {}</strong>: {} Count: {}. Out of: {}.</li>",
            ((m.code, m.name, m.definition, m.numerator.lower(), m.denominator.lower()) for m in MANAGEMENT_MEASURES),
        ),
    )


@admin.register(ManagementInformation)
class ManagementInformationAdmin(admin.ModelAdmin):
    list_display = ["code", "year", "result", "numerator", "denominator"]
    list_filter = ["year", "code"]
    readonly_fields = ["definition"]

    def get_fieldsets(self, request, obj=None):
        return [
            (
                None,
                {
                    "fields": ["year", "code", "definition", "numerator", "denominator", "target_timescale", "notes"],
                    "description": _definitions(),
                },
            )
        ]

    @admin.display(description="definition")
    def definition(self, figure):
        if not figure.code:
            return "Choose the measure and save to see its definition here."
        measure = figure.measure
        return f"{measure.definition} Count: {measure.numerator.lower()}. Out of: {measure.denominator.lower()}."

    @admin.display(description="result")
    def result(self, figure):
        value = figure.value
        return "–" if value is None else f"{value}{figure.measure.unit}"

    def save_model(self, request, obj, form, change):
        # Whoever last changed the figures entered them; an unchanged save leaves the name as it was.
        if not change or form.has_changed():
            obj.entered_by = request.user
        super().save_model(request, obj, form, change)
