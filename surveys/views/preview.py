"""Officers try a survey page by page, as residents will, before it goes out.

The same pages, questions, checks and skips as answering; the answers live in the officer's
session and are never saved as a response, so a preview can be run at any time, open or not.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from surveys.forms.answering import PageForm
from surveys.models import Survey
from surveys.services.answering import SurveyStructure, answer_display


def _survey(request, pk) -> Survey:
    if not request.user.has_perm("surveys.change_survey"):
        raise PermissionDenied("Your role does not include building surveys.")
    return get_object_or_404(Survey, pk=pk)


def _key(survey: Survey) -> str:
    return f"survey-preview:{survey.pk}"


@never_cache
@login_required
def preview_start(request, pk):
    """Start again from the first page, with no answers."""
    survey = _survey(request, pk)
    request.session[_key(survey)] = {}
    structure = SurveyStructure(survey)
    if not structure.pages:
        return render(request, "surveys/preview/no_questions.html", {"survey": survey}, status=404)
    return redirect("surveys:preview_page", pk=survey.pk, number=structure.pages[0].number)


@never_cache
@login_required
def preview_page(request, pk, number):
    survey = _survey(request, pk)
    structure = SurveyStructure(survey)
    page = structure.page(number)
    if page is None:
        raise Http404("No such page")
    answers = request.session.get(_key(survey), {})
    form = PageForm(request.POST if request.method == "POST" else None, page=page, answers=answers)
    if request.method == "POST" and form.is_valid():
        answers = {**answers, **{str(question_id): value for question_id, value in form.answers().items()}}
        request.session[_key(survey)] = answers
        following = structure.next_page(answers, page)
        if following is None:
            return redirect("surveys:preview_end", pk=survey.pk)
        return redirect("surveys:preview_page", pk=survey.pk, number=following.number)

    previous = structure.previous_page(answers, page)
    back_url = (
        reverse("surveys:preview_page", args=[survey.pk, previous.number])
        if previous is not None
        else reverse("admin:surveys_survey_change", args=[survey.pk])
    )
    return render(
        request,
        "surveys/answering/page.html",
        {
            "survey": survey,
            "preview": True,
            "page": page,
            "form": form,
            "back_url": back_url,
            "page_count": len(structure.pages),
        },
    )


@never_cache
@login_required
def preview_end(request, pk):
    """Where residents would check their answers: the answers given on the way, for the officer to read."""
    survey = _survey(request, pk)
    structure = SurveyStructure(survey)
    answers = request.session.get(_key(survey), {})
    rows = [
        {"question": question, "lines": answer_display(question, value, structure.choice_by_id)}
        for question, value in structure.answered_questions(answers)
    ]
    return render(request, "surveys/preview/end.html", {"survey": survey, "rows": rows, "preview": True})
