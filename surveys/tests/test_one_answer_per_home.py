"""A survey that checks tenancies counts one answer per home, and stays anonymous.

Run as the attacker ran it: cookie-less clients going start → your tenancy → rank →
check your answers, again and again with one tenancy reference and postcode.
"""

import hashlib
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections
from django.test import Client

from engagement.tests.factories import HomeFactory, ResidentFactory, TenancyFactory
from surveys.models import Answer, Question, Response
from surveys.services.answering import household_key, response_start
from surveys.services.results import survey_results
from surveys.tests.factories import SurveyFactory, add_question
from surveys.tests.helpers import answer_everything

pytestmark = pytest.mark.django_db

PROJECTS = ["Community garden", "Job skills", "Street games"]


@pytest.fixture
def projects():
    survey = SurveyFactory(
        slug="community-projects-2026",
        access="open",
        is_anonymous=True,
        ask_tenancy=True,
    )
    add_question(survey, Question.Kind.RANKING, "Which projects first?", choices=PROJECTS)
    return survey


@pytest.fixture
def tenancy():
    return TenancyFactory(reference="TEN-004512", home=HomeFactory(postcode="SE6 4RU"))


def _through_the_tenancy_page(client: Client, survey, tenancy):
    """Start from the public page and prove the tenancy; return the token and where it led."""
    started = client.post(f"/sounding-board/surveys/{survey.slug}/start/")
    assert started["Location"].endswith("/your-tenancy/"), started
    token = started["Location"].split("/")[3]
    proved = client.post(started["Location"], {"reference": tenancy.reference, "postcode": tenancy.home.postcode})
    assert proved.status_code == 302, proved.content.decode()
    return token, proved["Location"]


def vote(survey, tenancy, ranking) -> str:
    """One cookie-less run from the public page to "answers sent"; returns the run's token."""
    client = Client()
    token, _ = _through_the_tenancy_page(client, survey, tenancy)
    answer_everything(client, token, {survey.questions.get(): ranking})
    return token


def _first_choices(survey) -> list[str]:
    return list(
        Answer.objects.filter(question__survey=survey, position=1, response__submitted_at__isnull=False)
        .order_by("choice__label")
        .values_list("choice__label", flat=True)
    )


def test_five_cookie_less_runs_with_one_tenancy_count_as_one_answer(projects, tenancy):
    for ranking in (PROJECTS, PROJECTS, PROJECTS, PROJECTS, list(reversed(PROJECTS))):
        vote(projects, tenancy, ranking)

    assert Response.objects.filter(survey=projects, submitted_at__isnull=False).count() == 1
    assert survey_results(survey=projects).responses == 1
    # The last run's answer is the one counted.
    assert _first_choices(projects) == ["Street games"]


def test_a_second_answer_from_the_same_home_is_told_kindly_and_replaces_the_first(projects, tenancy):
    first = vote(projects, tenancy, PROJECTS)
    client = Client()

    token, led_to = _through_the_tenancy_page(client, projects, tenancy)
    told = client.get(led_to).content.decode()
    assert led_to == f"/sounding-board/s/{token}/"
    assert "Your home has already answered this survey" in told
    assert "We count one answer from each home" in told
    answer_everything(client, token, {projects.questions.get(): list(reversed(PROJECTS))})

    assert Response.objects.filter(survey=projects, submitted_at__isnull=False).get().token == token
    assert _first_choices(projects) == ["Street games"]
    # The first link still works, says what happened, and could send its answers again.
    earlier = Client().get(f"/sounding-board/s/{first}/").content.decode()
    assert "a later answer from your home replaced yours" in earlier


def test_check_your_answers_says_sending_replaces_the_homes_earlier_answer(projects, tenancy):
    vote(projects, tenancy, PROJECTS)
    client = Client()
    token, _ = _through_the_tenancy_page(client, projects, tenancy)
    question = projects.questions.get()
    ranks = {f"q{question.pk}_c{choice.pk}": place for place, choice in enumerate(question.choices.all(), start=1)}
    client.post(f"/sounding-board/s/{token}/page/1/", ranks)

    page = client.get(f"/sounding-board/s/{token}/check-your-answers/").content.decode()

    assert "Sending these answers replaces the answers your home sent before" in page


def test_a_first_answer_from_a_home_is_not_told_anything_about_other_homes(projects, tenancy):
    vote(projects, TenancyFactory(home=HomeFactory(postcode="SE8 4AA")), PROJECTS)
    client = Client()

    token, led_to = _through_the_tenancy_page(client, projects, tenancy)

    assert led_to == f"/sounding-board/s/{token}/page/1/"
    assert "already answered" not in client.get(f"/sounding-board/s/{token}/").content.decode()


def test_the_home_is_kept_as_a_one_way_key_never_a_link_to_the_tenancy(projects, tenancy):
    vote(projects, tenancy, PROJECTS)
    other_survey = SurveyFactory(access="open", is_anonymous=True, ask_tenancy=True)

    response = Response.objects.get(survey=projects)

    assert response.tenancy_id is None and response.resident_id is None
    assert len(response.household_key) == 64
    assert tenancy.reference not in response.household_key
    assert response.household_key != hashlib.sha256(tenancy.reference.encode()).hexdigest()
    # Keyed per survey: the same home cannot be followed from one survey to another.
    assert household_key(other_survey, tenancy) != response.household_key


def test_a_signed_in_resident_and_a_run_with_their_tenancy_count_once(projects, tenancy):
    resident = ResidentFactory(tenancy=tenancy)
    signed_in = Client()
    signed_in.force_login(resident.user)
    started = signed_in.post(f"/sounding-board/surveys/{projects.slug}/start/")
    answer_everything(signed_in, started["Location"].split("/")[3], {projects.questions.get(): PROJECTS})

    vote(projects, tenancy, list(reversed(PROJECTS)))

    assert Response.objects.filter(survey=projects, submitted_at__isnull=False).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite has no row locks")
def test_two_runs_sent_at_the_same_moment_still_count_once(projects, tenancy):
    clients = [Client(), Client()]
    tokens = []
    for client in clients:
        token, _ = _through_the_tenancy_page(client, projects, tenancy)
        question = projects.questions.get()
        ranks = {f"q{question.pk}_c{choice.pk}": n for n, choice in enumerate(question.choices.all(), start=1)}
        client.post(f"/sounding-board/s/{token}/page/1/", ranks)
        tokens.append(token)
    start = threading.Barrier(2)
    statuses = []

    def send(client, token):
        try:
            start.wait()
            statuses.append(client.post(f"/sounding-board/s/{token}/check-your-answers/").status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=pair) for pair in zip(clients, tokens, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert statuses == [302, 302]
    assert Response.objects.filter(survey=projects, submitted_at__isnull=False).count() == 1


def test_a_survey_without_a_tenancy_check_asks_people_to_sign_in_on_the_public_link(client):
    survey = SurveyFactory(slug="named", access="open")
    add_question(survey, Question.Kind.YES_NO, "Yes?")

    page = client.get("/sounding-board/surveys/named/").content.decode()
    started = client.post("/sounding-board/surveys/named/start/")

    assert "Sign in to answer" in page and "Start now" not in page
    assert started.status_code == 302
    assert started["Location"] == "/account/login/?next=/sounding-board/surveys/named/"
    assert not Response.objects.exists()


def test_a_survey_without_a_tenancy_check_takes_one_answer_from_each_signed_in_resident(resident_client, resident):
    survey = SurveyFactory(slug="named", access="open")
    question = add_question(survey, Question.Kind.YES_NO, "Yes?")

    for _ in range(3):
        started = resident_client.post("/sounding-board/surveys/named/start/")
        answer_everything(resident_client, started["Location"].split("/")[3], {question: "Yes"})

    assert Response.objects.filter(submitted_at__isnull=False).get().resident == resident


def test_the_service_refuses_an_unknown_answerer_where_nothing_would_count_them_once():
    survey = SurveyFactory(access="open")

    with pytest.raises(PermissionDenied):
        response_start(survey=survey, resident=None)


def test_the_survey_admin_says_how_answers_on_the_public_link_are_counted(officer_client):
    page = officer_client.get("/admin/surveys/survey/add/").content.decode()

    assert "one answer from each home" in page
    assert "must sign in" in page
