"""The sounding board's public pages: its front page, a survey's public page, “you said, we did”
and community projects. (The code from a letter is typed in at messaging's /code/.)"""

from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from engagement.dates import time_on_date_text
from engagement.decisions.models import Decision
from engagement.versions import kept
from engagement.views.residents import resident_or_none
from surveys.models import Invitation, Post, Response, Survey, Topic
from surveys.services.answering import respondent_key, response_start
from surveys.services.discussions import visible_topics
from surveys.views.answering import not_answerable, resume_url


def _open_public_surveys(now):
    return Survey.objects.filter(access=Survey.Access.OPEN, opens_at__lte=now, closes_at__gt=now).order_by("closes_at")


def index(request):
    resident = resident_or_none(request)
    yours = []
    if resident is not None:
        now = timezone.now()
        invitations = Invitation.objects.filter(resident=resident, survey__closes_at__gt=now).select_related(
            "survey", "response"
        )
        yours = [
            {
                "survey": invitation.survey,
                "url": invitation.response.token if invitation.response else invitation.token,
                "answered": bool(invitation.response and invitation.response.submitted_at),
                "closes": time_on_date_text(invitation.survey.closes_at),
            }
            for invitation in invitations
        ]
    # Surveys open and close at a time: what is open is worked out to the minute.
    minute = timezone.now().replace(second=0, microsecond=0)
    shown = kept(
        "sounding_board", lambda: _sounding_board(minute), Survey, Topic, Post, Decision, key=(get_language(), minute)
    )
    return render(request, "surveys/index.html", {"resident": resident, "yours": yours, **shown})


def _sounding_board(now) -> dict:
    """What the sounding board shows everyone, as written: surveys open now, the latest discussions and
    changes."""
    surveys = [
        {"survey": survey, "closes": time_on_date_text(survey.closes_at)} for survey in _open_public_surveys(now)
    ]
    latest = {"topics": visible_topics()[:5], "latest_changes": Decision.objects.published()[:3]}
    return {
        "open_surveys": render_to_string("surveys/includes/open_surveys.html", {"surveys": surveys}),
        "discussions_and_changes": render_to_string("surveys/includes/discussions_and_changes.html", latest),
    }


def survey_detail(request, slug):
    survey = get_object_or_404(Survey, slug=slug)
    resident = resident_or_none(request)
    existing = None
    if resident is not None:
        existing = Response.objects.filter(
            Q(resident=resident)
            | Q(invitation__resident=resident)
            | Q(respondent_key=respondent_key(survey, resident)),
            survey=survey,
        ).first()
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "state": survey.state(),
            "existing": existing,
            "must_sign_in": resident is None and not survey.ask_tenancy,
            "opens": time_on_date_text(survey.opens_at),
            "closes": time_on_date_text(survey.closes_at),
            "changes": Decision.objects.published().filter(sources__survey=survey).distinct(),
        },
    )


@require_POST
def survey_start(request, slug):
    survey = get_object_or_404(Survey, slug=slug, access=Survey.Access.OPEN)
    if not survey.is_open:
        return not_answerable(request, survey)
    resident = resident_or_none(request)
    if resident is None and not survey.ask_tenancy:
        # Without a tenancy check, only an account makes one answer each (see the survey's admin help).
        if request.user.is_authenticated:
            return render(request, "engagement/no_resident_record.html", status=403)
        return redirect_to_login(reverse("surveys:survey", args=[survey.slug]))
    response = response_start(survey=survey, resident=resident)
    return redirect(resume_url(response))


def house_rules(request):
    return render(request, "surveys/discussions/house_rules.html")
