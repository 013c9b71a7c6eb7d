"""Answering a survey from a personal or public link: no sign-in, the token in the link is the key.

Every view gets the response through `answering`, which turns a bad link, a survey not
open yet and a closed survey into a page that says so.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from engagement.dates import time_on_date_text
from engagement.services.residents import tenancy_matching
from engagement.throttle import Throttle
from surveys.forms.answering import PageForm
from surveys.forms.public import TenancyCheckForm
from surveys.models import Response, ResponseChannel, Survey
from surveys.services.answering import (
    IncompleteResponse,
    SurveyStructure,
    answer_display,
    response_can_change,
    response_confirm_tenancy,
    response_for_token,
    response_home_has_answered,
    response_save_page,
    response_submit,
)
from surveys.services.invitations import survey_link

# Wrong tenancy details allowed per address per hour, on open surveys that ask for them.
WRONG_TENANCY_DETAILS = Throttle("wrong-tenancy-details", per_hour=lambda: settings.SURVEY_TENANCY_CHECKS_PER_HOUR)
TOO_MANY_TRIES = "You have tried too many times. Wait an hour and try again, or contact community relations for help."


def answering(view=None, *, when_closed_too=False):
    def decorate(view):
        @never_cache
        @wraps(view)
        def wrapper(request, token, **kwargs):
            response = response_for_token(token)
            if response is None:
                return render(request, "surveys/answering/link_not_found.html", status=404)
            if not when_closed_too and not response_can_change(response):
                return not_answerable(request, response.survey, response)
            return view(request, response=response, **kwargs)

        return wrapper

    return decorate(view) if view else decorate


def not_answerable(request, survey: Survey, response: Response | None = None):
    template = "not_open" if survey.state() == Survey.State.NOT_OPEN else "closed"
    return render(
        request,
        f"surveys/answering/{template}.html",
        {
            "survey": survey,
            "response": response,
            "opens": time_on_date_text(survey.opens_at),
            "closes": time_on_date_text(survey.closes_at),
        },
    )


def _needs_tenancy(response: Response) -> bool:
    return (
        response.survey.ask_tenancy
        and response.channel == ResponseChannel.PUBLIC_LINK
        and response.tenancy_confirmed_at is None
    )


def resume_url(response: Response, structure: SurveyStructure | None = None) -> str:
    """Where someone coming back to their link carries on."""
    if _needs_tenancy(response):
        return reverse("surveys:answer_tenancy", args=[response.token])
    structure = structure or SurveyStructure(response.survey)
    page = structure.first_unanswered(response.answers)
    if page is None:
        return reverse("surveys:answer_check", args=[response.token])
    return reverse("surveys:answer_page", args=[response.token, page.number])


def _context(response: Response, **extra) -> dict:
    return {
        "response": response,
        "survey": response.survey,
        "closes": time_on_date_text(response.survey.closes_at),
        **extra,
    }


@answering
def answer_start(request, response):
    structure = SurveyStructure(response.survey)
    return render(
        request,
        "surveys/answering/start.html",
        _context(
            response,
            structure=structure,
            continue_url=resume_url(response, structure),
            started=bool(response.answers),
            question_count=len(structure.questions),
            home_has_answered=response_home_has_answered(response),
        ),
    )


@answering
def answer_tenancy(request, response):
    if not _needs_tenancy(response):
        return redirect(resume_url(response))
    form = TenancyCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The try is counted before the details are looked up, so many at once cannot get more.
        if not WRONG_TENANCY_DETAILS.take(request):
            form.add_error("reference", TOO_MANY_TRIES)
        else:
            tenancy = tenancy_matching(form.cleaned_data["reference"], form.cleaned_data["postcode"])
            if tenancy is not None:
                WRONG_TENANCY_DETAILS.give_back(request)
                response_confirm_tenancy(response=response, tenancy=tenancy)
                if response_home_has_answered(response):
                    # The start page tells them, and that answering again replaces the home's answer.
                    return redirect("surveys:answer", token=response.token)
                return redirect(resume_url(response))
            form.add_error(
                "reference", _("The tenancy reference and postcode do not match our records. Check both and try again.")
            )
    return render(request, "surveys/answering/tenancy.html", _context(response, form=form))


@answering
def answer_page(request, response, number):
    structure = SurveyStructure(response.survey)
    page = structure.page(number)
    if page is None:
        raise Http404("No such page")
    if _needs_tenancy(response):
        return redirect(resume_url(response, structure))
    path_numbers = [p.number for p in structure.path(response.answers)]
    first_gap = structure.first_unanswered(response.answers)
    if page.number not in path_numbers or (first_gap is not None and page.number > first_gap.number):
        # Skipped past by their answers, or further on than they have got: take them where they should be.
        return redirect(resume_url(response, structure))

    changing = request.GET.get("change") == "1"
    caption = page.section.title if len(structure.sections) > 1 else response.survey.title
    form = PageForm(
        request.POST if request.method == "POST" else None, page=page, answers=response.answers, caption=caption
    )
    if request.method == "POST":
        if "save_and_come_back" in request.POST:
            form.is_valid()
            response_save_page(response=response, answers=form.answers_so_far())
            return redirect("surveys:answer_saved", token=response.token)
        if form.is_valid():
            response_save_page(response=response, answers=form.answers())
            following = None if changing else structure.next_page(response.answers, page)
            if following is None:
                return redirect(resume_url(response, structure))
            return redirect("surveys:answer_page", token=response.token, number=following.number)

    previous = structure.previous_page(response.answers, page)
    if changing:
        back_url = reverse("surveys:answer_check", args=[response.token])
    elif previous is not None:
        back_url = reverse("surveys:answer_page", args=[response.token, previous.number])
    else:
        back_url = reverse("surveys:answer", args=[response.token])
    return render(
        request,
        "surveys/answering/page.html",
        _context(
            response,
            page=page,
            form=form,
            back_url=back_url,
            changing=changing,
        ),
    )


@answering
def answer_check(request, response):
    structure = SurveyStructure(response.survey)
    if _needs_tenancy(response):
        return redirect(resume_url(response, structure))
    incomplete = structure.first_incomplete(response.answers)
    if incomplete is not None:
        return redirect("surveys:answer_page", token=response.token, number=incomplete.number)
    if request.method == "POST":
        try:
            response_submit(response=response, structure=structure)
        except IncompleteResponse as missing:
            return redirect("surveys:answer_page", token=response.token, number=missing.page.number)
        return redirect("surveys:answer_done", token=response.token)

    page_of = {question.pk: page.number for page in structure.pages for question in page.questions}
    rows = [
        {
            "question": question,
            "lines": answer_display(question, value, structure.choice_by_id),
            "change_url": reverse("surveys:answer_page", args=[response.token, page_of[question.pk]]) + "?change=1",
        }
        for question, value in structure.answered_questions(response.answers)
    ]
    return render(
        request,
        "surveys/answering/check.html",
        _context(response, rows=rows, home_has_answered=response_home_has_answered(response)),
    )


@answering
def answer_saved(request, response):
    return render(request, "surveys/answering/saved.html", _context(response, link=survey_link(response.token)))


@answering(when_closed_too=True)
def answer_done(request, response):
    if not response.is_submitted:
        return redirect(resume_url(response))
    if response.is_officer_entered:
        messages.success(request, _("The response has been recorded as entered by you."))
    return render(request, "surveys/answering/done.html", _context(response, link=survey_link(response.token)))
