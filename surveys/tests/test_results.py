"""Results for staff: the numbers, who answered, anonymity, and the same number of queries at any size."""

import csv
import functools
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from engagement.models import TenureType
from engagement.tests.factories import EstateFactory, ResidentFactory
from surveys.models import Invitation, Question
from surveys.services.answering import response_start
from surveys.services.invitations import survey_invite
from surveys.services.results import survey_results
from surveys.tests.factories import SurveyFactory, add_question, bulk_responses, choice, opted_in_resident
from surveys.tests.helpers import answer_everything

pytestmark = pytest.mark.django_db

Kind = Question.Kind


@pytest.fixture
def results_client(client, community_relations):
    client.force_login(community_relations)
    return client


@pytest.fixture
def park_survey(db):
    survey = SurveyFactory(title="The park", slug="the-park")
    used = add_question(survey, Kind.YES_NO, "Do you use the park?")
    rating = add_question(survey, Kind.RATING, "How clean is it?")
    wants = add_question(
        survey, Kind.MULTIPLE, "What would you add?", choices=["Benches", "Bins", "Lights"], allow_other=True
    )
    order = add_question(survey, Kind.RANKING, "Which first?", choices=["Benches", "Bins", "Lights"])
    said = add_question(survey, Kind.TEXT, "Anything else?", required=False)
    return survey, used, rating, wants, order, said


@functools.cache
def choice_of(question, label):
    return question.choices.get(value=int(label)) if question.kind == Kind.RATING else choice(question, label)


@pytest.fixture(autouse=True)
def _fresh_choices():
    # Ids can repeat between tests (SQLite reuses them after a rollback).
    choice_of.cache_clear()


def answers(used, rating, wants, order, said, *, use, score, add, ranked, text="", other=""):
    rows = [(used, choice_of(used, use), None, ""), (rating, choice_of(rating, str(score)), None, "")]
    picked = [choice_of(wants, label) for label in add]
    if other:
        picked.append(choice_of(wants, "Other"))
    rows += [(wants, c, place, other if c.is_other else "") for place, c in enumerate(picked, start=1)]
    rows += [(order, choice_of(order, label), place, "") for place, label in enumerate(ranked, start=1)]
    if text:
        rows.append((said, None, None, text))
    return rows


def test_counts_percentages_averages_and_rankings_are_right(park_survey):
    survey, used, rating, wants, order, said = park_survey
    people = [
        {
            "use": "Yes",
            "score": 5,
            "add": ["Benches", "Bins"],
            "ranked": ["Benches", "Bins", "Lights"],
            "text": "More trees",
        },
        {"use": "Yes", "score": 4, "add": ["Bins"], "ranked": ["Bins", "Benches", "Lights"], "other": "A café"},
        {"use": "No", "score": 2, "add": ["Lights"], "ranked": ["Lights", "Bins", "Benches"]},
        {"use": "Yes", "score": 3, "add": ["Bins", "Lights"], "ranked": ["Bins", "Lights", "Benches"]},
    ]
    bulk_responses(survey, len(people), lambda i: answers(used, rating, wants, order, said, **people[i]))

    results = survey_results(survey=survey)

    assert results.responses == 4
    by_question = {r.question.text: r for r in results.questions}
    use = by_question["Do you use the park?"]
    assert [(c.label, c.count, c.percent) for c in use.choices] == [("Yes", 3, 75.0), ("No", 1, 25.0)]
    assert by_question["How clean is it?"].average == 3.5
    add = by_question["What would you add?"]
    assert add.answered == 4  # four people, seven ticks
    assert [(c.label, c.count, c.percent) for c in add.choices] == [
        ("Benches", 1, 25.0),
        ("Bins", 3, 75.0),
        ("Lights", 2, 50.0),
        ("Other", 1, 25.0),
    ]
    assert [t.text for t in add.texts] == ["A café"]
    ranking = by_question["Which first?"]
    # Points: first 3, second 2, third 1. Bins 2+3+2+3=10, Benches 3+2+1+1=7, Lights 1+1+3+2=7.
    assert [(c.label, c.points, c.first_places) for c in ranking.ranking] == [
        ("Bins", 10, 2),
        ("Benches", 7, 1),
        ("Lights", 7, 1),
    ]
    assert ranking.ranking[0].average_place == 1.5
    text = by_question["Anything else?"]
    assert (text.answered, text.text_count, [t.text for t in text.texts]) == (1, 1, ["More trees"])
    assert text.not_answered == 3


def test_the_results_page_shows_accessible_tables_with_bars(results_client, park_survey):
    survey, used, rating, wants, order, said = park_survey
    bulk_responses(
        survey,
        2,
        lambda i: answers(
            used, rating, wants, order, said, use="Yes", score=4, add=["Bins"], ranked=["Bins", "Lights", "Benches"]
        ),
    )

    page = results_client.get(f"/sounding-board/results/{survey.pk}/").content.decode()

    assert '<th scope="row" class="govuk-table__header">Yes</th>' in page
    assert '<span class="rv-bar" style="width: 100%"></span>' in page
    assert "Average rating 4.0" in page
    assert "Download all responses (CSV)" in page


def test_response_rate_by_channel_estate_and_tenure(client, park_survey, django_capture_on_commit_callbacks):
    survey, used, *_ = park_survey
    survey.questions.exclude(pk=used.pk).delete()
    hill, vale = EstateFactory(name="Hill"), EstateFactory(name="Vale")
    on_hill = [opted_in_resident(tenancy__home__block__estate=hill) for _ in range(4)]
    on_vale = [
        opted_in_resident(tenancy__home__block__estate=vale, tenancy__tenure_type=TenureType.RESIDENT_LEASEHOLDER)
        for _ in range(2)
    ]
    with django_capture_on_commit_callbacks(execute=True):  # invited once the invitations are sent
        survey_invite(survey=survey)
    for resident in on_hill[:3] + on_vale[:1]:
        answer_everything(client, Invitation.objects.get(resident=resident).token, {used: "Yes"})
    bulk_responses(survey, 1, lambda i: [(used, choice(used, "No"), None, "")])  # from the public link

    results = survey_results(survey=survey)

    assert (results.responses, results.invited, results.rate) == (5, 6, 66.7)
    channel, estate, tenure = results.breakdowns
    assert [(r.label, r.invited, r.responses, r.rate) for r in channel.rows] == [
        ("Email invitation", 6, 4, 66.7),
        ("Public link", None, 1, None),
    ]
    assert [(r.label, r.invited, r.responses, r.rate) for r in estate.rows] == [
        ("Hill", 4, 3, 75.0),
        ("Not known", None, 1, None),
        ("Vale", 2, 1, 50.0),
    ]
    assert [(r.label, r.responses) for r in tenure.rows] == [
        ("Council tenant", 3),
        ("Not known", 1),
        ("Resident leaseholder", 1),
    ]


def test_named_results_show_who_wrote_what_and_anonymous_ones_never_do(client, results_client, park_survey):
    survey, used, rating, wants, order, said = park_survey
    resident = ResidentFactory(first_name="Winston", last_name="Okafor")
    survey.access = "open"
    survey.save()
    response = response_start(survey=survey, resident=resident)
    answer_everything(
        client,
        response,
        {used: "Yes", rating: "3", wants: ["Bins"], order: ["Bins", "Lights", "Benches"], said: "The gate squeaks"},
    )

    named = results_client.get(f"/sounding-board/results/{survey.pk}/").content.decode()
    assert "The gate squeaks" in named and "Winston Okafor" in named

    survey.is_anonymous = True
    survey.save()
    bulk_responses(survey, 5, lambda i: [(said, None, None, f"Comment {i}")])
    anonymous = results_client.get(f"/sounding-board/results/{survey.pk}/").content.decode()
    everything = results_client.get(
        f"/sounding-board/results/{survey.pk}/questions/{said.pk}/answers/"
    ).content.decode()
    assert "Comment 4" in anonymous and "Winston" not in anonymous and "Okafor" not in anonymous
    assert "The gate squeaks" in everything and "Winston" not in everything and "Okafor" not in everything


def test_anonymous_results_are_withheld_for_groups_under_five(results_client):
    survey = SurveyFactory(is_anonymous=True)
    question = add_question(survey, Kind.YES_NO, "Do you feel safe?")
    hill, vale = EstateFactory(name="Hill"), EstateFactory(name="Vale")
    bulk_responses(survey, 6, lambda i: [(question, choice(question, "Yes"), None, "")], estate=hill)
    bulk_responses(survey, 2, lambda i: [(question, choice(question, "No"), None, "")], estate=vale)

    overall = survey_results(survey=survey)
    small = survey_results(survey=survey, estate_id=vale.pk)
    page = results_client.get(f"/sounding-board/results/{survey.pk}/?estate={vale.pk}").content.decode()
    hill_page = results_client.get(f"/sounding-board/results/{survey.pk}/?estate={hill.pk}").content.decode()

    assert not overall.withheld and overall.questions[0].choices[1].count == 2
    # 8 responses: showing Hill's 6 would give Vale's 2 by subtraction, so neither is shown.
    estate_rows = {row.label: row.responses for row in overall.breakdowns[1].rows}
    assert estate_rows == {"Hill": None, "Vale": None}
    assert small.withheld and small.questions == []
    assert survey_results(survey=survey, estate_id=hill.pk).withheld
    assert "Fewer than 5 people from Vale have answered" in page
    assert "Not shown</td>" in page
    assert "Answers from Hill are not shown: how many of them answered would let you work out" in hill_page
    assert "6 responses from Hill" not in hill_page


def test_no_hidden_channel_figure_can_be_worked_out_from_the_total(results_client):
    survey = SurveyFactory(is_anonymous=True)
    question = add_question(survey, Kind.YES_NO, "Do you feel safe?")

    def yes(i):
        return [(question, choice(question, "Yes"), None, "")]

    bulk_responses(survey, 5, yes, channel="email")
    bulk_responses(survey, 2, yes, channel="post")
    bulk_responses(survey, 20, yes, channel="public_link", estate=EstateFactory(name="Hill"))

    channel, estate, tenure = survey_results(survey=survey).breakdowns
    page = results_client.get(f"/sounding-board/results/{survey.pk}/").content.decode()

    # 27 in all: 20 by the public link, 5 by email, 2 by letter. Hiding only the 2 leaves 27 - 20 - 5 = 2.
    assert {row.label: row.responses for row in channel.rows} == {
        "Email invitation": None,
        "Letter": None,
        "Public link": 20,
    }
    assert {row.label: row.responses for row in estate.rows} == {"Hill": 20, "Not known": 7}
    assert '<dd class="govuk-summary-list__value">27</dd>' in page


def test_an_anonymous_survey_with_under_five_responses_shows_no_answers(results_client):
    survey = SurveyFactory(is_anonymous=True)
    question = add_question(survey, Kind.TEXT, "What would you change?")
    bulk_responses(survey, 3, lambda i: [(question, None, None, "Something only I would say")])

    page = results_client.get(f"/sounding-board/results/{survey.pk}/").content.decode()
    text_page = results_client.get(
        f"/sounding-board/results/{survey.pk}/questions/{question.pk}/answers/"
    ).content.decode()

    assert "Something only I would say" not in page
    assert "Something only I would say" not in text_page


def test_named_breakdowns_are_not_suppressed(park_survey):
    survey, used, *_ = park_survey
    bulk_responses(survey, 2, lambda i: [(used, choice(used, "Yes"), None, "")], estate=EstateFactory(name="Tiny"))

    estate_rows = {row.label: row.responses for row in survey_results(survey=survey).breakdowns[1].rows}

    assert estate_rows == {"Tiny": 2}


def test_staff_without_results_permission_and_residents_cannot_see_results(client, resident, park_survey):
    from engagement.tests.factories import StaffFactory

    survey = park_survey[0]
    client.force_login(resident.user)
    assert client.get(f"/sounding-board/results/{survey.pk}/").status_code == 403
    assert client.get(f"/sounding-board/results/{survey.pk}/responses.csv").status_code == 403
    client.force_login(StaffFactory())
    assert client.get(f"/sounding-board/results/{survey.pk}/").status_code == 403
    client.logout()
    assert client.get(f"/sounding-board/results/{survey.pk}/").status_code == 302


# --- Exports ---------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_the_csv_export_has_one_row_per_response_and_one_column_per_question(client, results_client, park_survey):
    survey, used, rating, wants, order, said = park_survey
    survey.access = "open"
    survey.save()
    resident = ResidentFactory(first_name="Joyce", last_name="Mensah")
    answer_everything(
        client,
        response_start(survey=survey, resident=resident),
        {
            used: "Yes",
            rating: "2",
            wants: ["Benches", "Somewhere to sit"],
            order: ["Lights", "Bins", "Benches"],
            said: "=HYPERLINK(1)",
        },
    )

    rows = read_csv(results_client.get(f"/sounding-board/results/{survey.pk}/responses.csv"))

    assert rows[0][4:] == [
        "Name",
        "Tenancy reference",
        "Estate",
        "Tenure",
        "Q1. Do you use the park?",
        "Q2. How clean is it?",
        "Q3. What would you add?",
        "Q4. Which first?",
        "Q5. Anything else?",
    ]
    assert len(rows) == 2
    assert rows[1][4] == "Joyce Mensah" and rows[1][5] == resident.tenancy.reference
    assert rows[1][8:] == [
        "Yes",
        "2",
        "Benches; Other: Somewhere to sit",
        "1. Lights; 2. Bins; 3. Benches",
        "'=HYPERLINK(1)",
    ]


def test_an_anonymous_export_has_no_names_dates_or_channels(results_client, park_survey):
    survey, used, *_ = park_survey
    survey.is_anonymous = True
    survey.save()
    resident = ResidentFactory(first_name="Xin", last_name="Nguyen")
    bulk_responses(
        survey, 6, lambda i: [(used, choice(used, "Yes" if i else "No"), None, "")], channel="paper", resident=None
    )

    rows = read_csv(results_client.get(f"/sounding-board/results/{survey.pk}/responses.csv"))
    workbook = load_workbook(
        io.BytesIO(
            b"".join(results_client.get(f"/sounding-board/results/{survey.pk}/responses.xlsx").streaming_content)
        )
    )

    assert rows[0] == [
        "Response",
        "Q1. Do you use the park?",
        "Q2. How clean is it?",
        "Q3. What would you add?",
        "Q4. Which first?",
        "Q5. Anything else?",
    ]
    assert [row[0] for row in rows[1:]] == ["1", "2", "3", "4", "5", "6"]
    assert sorted(row[1] for row in rows[1:]) == ["No", "Yes", "Yes", "Yes", "Yes", "Yes"]
    flat = str(rows) + str([list(r) for r in workbook.active.iter_rows(values_only=True)])
    assert resident.last_name not in flat and "Paper" not in flat and "paper" not in flat
    assert workbook.active.max_row == 7


# --- Query counts ----------------------------------------------------------------------


def page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("anonymous", [False, True])
def test_the_results_page_makes_the_same_queries_for_100_or_10000_responses(
    results_client, park_survey, django_assert_max_num_queries, anonymous
):
    survey, used, rating, wants, order, said = park_survey
    survey.is_anonymous = anonymous
    survey.save()
    estate = EstateFactory(name="Hill")
    url = f"/sounding-board/results/{survey.pk}/"

    def add(count):
        bulk_responses(
            survey,
            count,
            lambda i: answers(
                used,
                rating,
                wants,
                order,
                said,
                use="Yes",
                score=1 + i % 5,
                add=["Bins", "Lights"][: 1 + i % 2],
                ranked=["Bins", "Lights", "Benches"],
                text=f"Comment {i}" if i % 3 == 0 else "",
            ),
            estate=estate,
        )

    urls = [url, f"{url}?estate={estate.pk}&tenure=council_tenant", f"{url}questions/{said.pk}/answers/?page=2"]

    add(100)
    at_100 = [page_queries(results_client, each) for each in urls]
    add(9_900)
    for each, bound in zip(urls, at_100, strict=True):
        with django_assert_max_num_queries(bound):
            results_client.get(each)
    assert at_100[0] <= 20
