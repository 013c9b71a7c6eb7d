"""Results and exports for staff whose role lets them see survey results."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from engagement.dates import time_on_date_text
from engagement.exports import csv_response, xlsx_response
from engagement.models import Estate, TenureType
from surveys.models import Question, Survey
from surveys.services.exports import export_filename, survey_export_rows
from surveys.services.results import SMALL_GROUP, group_withheld, survey_results, text_answers


def survey_for_staff(request, pk) -> Survey:
    """The survey, if this member of staff may see its results."""
    if not request.user.has_perm("surveys.view_survey_results"):
        raise PermissionDenied("Your role does not include survey results.")
    return get_object_or_404(Survey, pk=pk)


class GroupForm(forms.Form):
    estate = forms.ModelChoiceField(
        label=_("Estate"), queryset=Estate.objects.all(), required=False, empty_label=_("All estates")
    )
    tenure = forms.ChoiceField(label=_("Tenure"), choices=[("", _("All tenures")), *TenureType.choices], required=False)


def _group(request) -> tuple[GroupForm, int | None, str]:
    form = GroupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        estate = form.cleaned_data["estate"]
        return form, estate.pk if estate else None, form.cleaned_data["tenure"]
    return form, None, ""


@login_required
def results(request, pk):
    survey = survey_for_staff(request, pk)
    form, estate_id, tenure = _group(request)
    summary = survey_results(survey=survey, estate_id=estate_id, tenure_type=tenure)
    return render(
        request,
        "surveys/results/results.html",
        {
            "survey": survey,
            "results": summary,
            "form": form,
            "query": request.GET.urlencode(),
            "small_group": SMALL_GROUP,
            "opens": time_on_date_text(survey.opens_at),
            "closes": time_on_date_text(survey.closes_at),
        },
    )


@login_required
def results_text(request, pk, question_id):
    survey = survey_for_staff(request, pk)
    question = get_object_or_404(Question, pk=question_id, survey=survey)
    form, estate_id, tenure = _group(request)
    answers = text_answers(survey=survey, question=question, estate_id=estate_id, tenure_type=tenure)
    withheld = group_withheld(survey=survey, estate_id=estate_id, tenure_type=tenure)
    page = Paginator(answers, 50).get_page(None if withheld else request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "surveys/results/text_answers.html",
        {
            "survey": survey,
            "question": question,
            "page": page,
            "withheld": withheld,
            "query": params.urlencode(),
            "small_group": SMALL_GROUP,
        },
    )


@login_required
def export_csv(request, pk):
    survey = survey_for_staff(request, pk)
    return csv_response(survey_export_rows(survey), export_filename(survey, "csv"))


@login_required
def export_xlsx(request, pk):
    survey = survey_for_staff(request, pk)
    return xlsx_response({"Responses": survey_export_rows(survey)}, export_filename(survey, "xlsx"))
