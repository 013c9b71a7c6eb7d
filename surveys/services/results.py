"""Survey results for staff: counts from one GROUP BY over submitted answers, never a loop over responses.

Anonymous surveys never show who said what. Any figure about a group of fewer than
SMALL_GROUP responses is withheld, so nobody can be picked out by estate or tenure, and so is any
figure it could be worked out from by subtraction (engagement.small_numbers).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from engagement.models import Estate, TenureType
from engagement.small_numbers import SMALL_GROUP, figures_to_withhold
from surveys.models import Answer, Invitation, Question, Response, ResponseChannel, Survey
from surveys.services.answering import SurveyStructure
from surveys.services.invitations import invitations_sent

TEXTS_SHOWN = 5
Kind = Question.Kind


def percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


@dataclass
class ChoiceResult:
    label: str
    count: int
    percent: float
    hint: str = ""


@dataclass
class RankedChoice:
    label: str
    average_place: float
    first_places: int
    points: int
    points_percent: float
    place: int = 0


@dataclass
class TextAnswer:
    text: str
    label: str = ""  # the choice, for "other, please say"
    name: str = ""  # named surveys only


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    choices: list[ChoiceResult] = field(default_factory=list)
    ranking: list[RankedChoice] = field(default_factory=list)
    average: float | None = None
    texts: list[TextAnswer] = field(default_factory=list)
    text_count: int = 0
    responses_in_group: int = 0

    @property
    def not_answered(self) -> int:
        """Left blank, or skipped past by the survey's skip logic."""
        return self.responses_in_group - self.answered


@dataclass
class BreakdownRow:
    label: str
    invited: int | None
    responses: int | None  # None: withheld (too few, or it would give away a figure that is)
    rate: float | None


@dataclass
class Breakdown:
    title: str
    rows: list[BreakdownRow]
    withheld: set = field(default_factory=set)  # the keys (channel, estate id, tenure) whose figures are withheld


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    invited: int
    answered_from_invitations: int
    breakdowns: list[Breakdown]
    questions: list[QuestionResult]
    group_responses: int
    group_label: str = ""
    withheld: bool = False

    @property
    def rate(self) -> float | None:
        return percent(self.answered_from_invitations, self.invited) if self.invited else None


def _submitted(survey: Survey):
    return Response.objects.filter(survey=survey, submitted_at__isnull=False)


def _group_filter(estate_id, tenure_type) -> dict:
    group = {}
    if estate_id:
        group["estate_id"] = estate_id
    if tenure_type:
        group["tenure_type"] = tenure_type
    return group


def group_withheld(*, survey: Survey, estate_id=None, tenure_type="", breakdowns=None) -> bool:
    """Whether an anonymous survey's answers from this group may not be shown: too few people, or its
    estate's or tenure's figure is withheld in the tables (showing how many answered would give it away)."""
    if not survey.is_anonymous:
        return False
    by_estate, by_tenure = (breakdowns or _breakdowns(survey)[0])[1:]
    if (estate_id and estate_id in by_estate.withheld) or (tenure_type and tenure_type in by_tenure.withheld):
        return True
    return _submitted(survey).filter(**_group_filter(estate_id, tenure_type)).count() < SMALL_GROUP


def survey_results(
    *, survey: Survey, estate_id: int | None = None, tenure_type: str = "", structure: SurveyStructure | None = None
) -> SurveyResults:
    structure = structure or SurveyStructure(survey)
    group = _group_filter(estate_id, tenure_type)
    breakdowns, responses, invited, answered_from_invitations = _breakdowns(survey)
    group_responses = _submitted(survey).filter(**group).count() if group else responses
    results = SurveyResults(
        survey=survey,
        responses=responses,
        invited=invited,
        answered_from_invitations=answered_from_invitations,
        breakdowns=breakdowns,
        questions=[],
        group_responses=group_responses,
        group_label=_group_label(estate_id, tenure_type),
    )
    if group and group_withheld(survey=survey, estate_id=estate_id, tenure_type=tenure_type, breakdowns=breakdowns):
        results.withheld = True
        return results
    if survey.is_anonymous and group_responses < SMALL_GROUP:
        results.withheld = True
        return results
    answers = Answer.objects.filter(
        question_id__in=[question.pk for question in structure.questions],
        **{f"response__{key}": value for key, value in group.items()},
    )
    results.questions = _question_results(structure, answers, group_responses, named=not survey.is_anonymous)
    return results


def _group_label(estate_id, tenure_type) -> str:
    parts = []
    if estate_id:
        estate = Estate.objects.filter(pk=estate_id).first()
        parts.append(estate.name if estate else "an estate that no longer exists")
    if tenure_type:
        parts.append(TenureType(tenure_type).label.lower() + "s")
    return ", ".join(parts)


def _question_results(
    structure: SurveyStructure, answers, group_responses: int, *, named: bool
) -> list[QuestionResult]:
    counts: dict[int, dict[tuple, int]] = defaultdict(dict)
    # The one GROUP BY every count on the page comes from.
    for question_id, choice_id, position, count in (
        answers.values_list("question_id", "choice_id", "position").annotate(count=Count("*")).order_by()
    ):
        counts[question_id][(choice_id, position)] = count
    texts = _recent_texts(answers, named=named)

    results = []
    for question in structure.questions:
        grouped = counts.get(question.pk, {})
        result = QuestionResult(
            question=question,
            answered=sum(count for (_, position), count in grouped.items() if position in (None, 1)),
            responses_in_group=group_responses,
            texts=texts.get(question.pk, []),
        )
        choices = list(question.choices.all())
        if question.kind == Kind.RANKING:
            result.ranking = _ranking(choices, grouped)
        elif question.kind == Kind.TEXT:
            result.text_count = grouped.get((None, None), 0)
        else:
            per_choice = defaultdict(int)
            for (choice_id, _), count in grouped.items():
                per_choice[choice_id] += count
            result.choices = [
                ChoiceResult(
                    choice.label, per_choice[choice.pk], percent(per_choice[choice.pk], result.answered), choice.hint
                )
                for choice in choices
            ]
            other = next((choice for choice in choices if choice.is_other), None)
            result.text_count = per_choice[other.pk] if other else 0
            if question.kind == Kind.RATING and result.answered:
                total = sum(per_choice[choice.pk] * (choice.value or 0) for choice in choices)
                result.average = round(total / result.answered, 2)
        results.append(result)
    return results


def _ranking(choices, grouped: dict[tuple, int]) -> list[RankedChoice]:
    """Average place, first places, and points (last place 1 point, first place as many as there are choices)."""
    size = len(choices)
    ranked = []
    for choice in choices:
        places = {position: count for (choice_id, position), count in grouped.items() if choice_id == choice.pk}
        times = sum(places.values())
        ranked.append(
            RankedChoice(
                label=choice.label,
                average_place=round(sum(p * n for p, n in places.items()) / times, 2) if times else 0,
                first_places=places.get(1, 0),
                points=sum((size - p + 1) * n for p, n in places.items()),
                points_percent=0,
            )
        )
    most = max((choice.points for choice in ranked), default=0)
    ranked.sort(key=lambda choice: (-choice.points, choice.label))
    for place, choice in enumerate(ranked, start=1):
        choice.place = place
        choice.points_percent = percent(choice.points, most)
    return ranked


def _recent_texts(answers, *, named: bool) -> dict[int, list[TextAnswer]]:
    """The latest few written answers to each question, in two small queries.

    The window numbers only the written answers (a small partial index). Its ids are fetched
    first: as a subquery, PostgreSQL cannot tell it keeps only a few rows and scans every answer.
    """
    latest = list(
        answers.exclude(text="")
        .annotate(row=Window(RowNumber(), partition_by=[F("question_id")], order_by=F("id").desc()))
        .filter(row__lte=TEXTS_SHOWN)
        .values_list("id", flat=True)
    )
    rows = (
        Answer.objects.filter(id__in=latest)
        .order_by("question_id", "-id")
        .values_list(
            "question_id", "text", "choice__label", "response__resident__first_name", "response__resident__last_name"
        )
    )
    texts = defaultdict(list)
    for question_id, text, label, first, last in rows:
        name = f"{first} {last}" if named and first else ""
        texts[question_id].append(TextAnswer(text=text, label=label or "", name=name))
    return texts


def text_answers(*, survey: Survey, question: Question, estate_id=None, tenure_type=""):
    """Every written answer to a question, newest first (for the full list, a page at a time)."""
    answers = Answer.objects.filter(question=question).exclude(text="").order_by("-id")
    if estate_id:
        answers = answers.filter(response__estate_id=estate_id)
    if tenure_type:
        answers = answers.filter(response__tenure_type=tenure_type)
    if survey.is_anonymous:
        return answers.values_list("text", "choice__label")
    return answers.values_list(
        "text", "choice__label", "response__resident__first_name", "response__resident__last_name"
    )


# --- Who answered: by channel, estate and tenure ------------------------------------------


def _breakdowns(survey: Survey) -> tuple[list[Breakdown], int, int, int]:
    """Responses and invitations by channel, estate and tenure: one GROUP BY each, summed here per dimension."""
    answered = Q(response__submitted_at__isnull=False)
    dimensions = ("channel", "estate_id", "tenure_type")
    responses = [defaultdict(int) for _ in dimensions]
    for *keys, count in _submitted(survey).values_list(*dimensions).annotate(n=Count("*")).order_by():
        for by, key in zip(responses, keys, strict=True):
            by[key] += count
    invited = [defaultdict(lambda: [0, 0]) for _ in dimensions]
    for *keys, total, yes in (
        Invitation.objects.filter(invitations_sent(), survey=survey)
        .values_list(*dimensions)
        .annotate(total=Count("*"), yes=Count("pk", filter=answered))
        .order_by()
    ):
        for by, key in zip(invited, keys, strict=True):
            by[key][0] += total
            by[key][1] += yes

    estate_ids = {key for key in [*responses[1], *invited[1]] if key}
    estate_names = dict(Estate.objects.filter(pk__in=estate_ids).values_list("pk", "name")) if estate_ids else {}
    channel_labels = dict(ResponseChannel.choices)
    tenure_labels = dict(TenureType.choices)
    labels = (
        lambda key: channel_labels.get(key, key),
        lambda key: estate_names.get(key, "Not known"),
        lambda key: tenure_labels.get(key, "Not known"),
    )

    def breakdown(title, by_response, by_invitation, label_of) -> Breakdown:
        keys = sorted({*by_response, *by_invitation}, key=label_of)
        # Each table's responses add up to the total shown above it.
        hidden = figures_to_withhold([by_response.get(key, 0) for key in keys]) if survey.is_anonymous else set()
        built = []
        for position, key in enumerate(keys):
            count = by_response.get(key, 0)
            total, yes = by_invitation.get(key, (None, 0))
            withheld = position in hidden
            built.append(
                BreakdownRow(
                    label=label_of(key),
                    invited=total,
                    responses=None if withheld else count,
                    rate=None if withheld or not total else percent(yes, total),
                )
            )
        return Breakdown(title, built, withheld={keys[position] for position in hidden})

    breakdowns = [
        breakdown(title, by_response, by_invitation, label_of)
        for title, by_response, by_invitation, label_of in zip(
            ("How people answered", "Estate", "Tenure"), responses, invited, labels, strict=True
        )
    ]
    by_channel = invited[0].values()
    return (
        breakdowns,
        sum(responses[0].values()),
        sum(total for total, _ in by_channel),
        sum(yes for _, yes in by_channel),
    )
