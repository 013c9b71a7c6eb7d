"""Survey responses for download: one row per response, one column per question.

Each row comes from the response's submission kept whole (`Response.submitted_answers`),
so 100,000 responses stream from 100,000 rows, not millions of answer rows. Anonymous
exports have no names, dates or channels, and their rows are in a random order, so no
row can be matched to a person by when or how they answered.
"""

from collections.abc import Callable, Iterator

from django.utils import timezone

from engagement.models import TenureType
from surveys.models import Question, Response, ResponseChannel, Survey
from surveys.services.answering import SurveyStructure

CHUNK = 2000
Kind = Question.Kind
NAMED_COLUMNS = ["Response", "Submitted", "How", "Entered by", "Name", "Tenancy reference", "Estate", "Tenure"]
_CHANNELS = dict(ResponseChannel.choices)

# One answer, in the shape Response.answers keeps it, to the words in its cell.
Formatter = Callable[[dict], object]


def _formatter(question: Question) -> Formatter:
    choices = list(question.choices.all())
    labels = {choice.pk: choice.label for choice in choices}
    places = {choice.pk: choice.position for choice in choices}
    others = {choice.pk for choice in choices if choice.is_other}

    def label(choice_id, other):
        if choice_id in others and other:
            return f"{labels[choice_id]}: {other}"
        return labels.get(choice_id, "(a choice since removed)")

    if question.kind == Kind.TEXT:
        return lambda value: value.get("text", "")
    if question.kind == Kind.RATING:
        values = {choice.pk: choice.value for choice in choices}
        return lambda value: values.get(value.get("choice"), "")
    if question.kind == Kind.RANKING:
        return lambda value: "; ".join(
            f"{place}. {labels.get(choice_id, '')}" for place, choice_id in enumerate(value.get("ranking", ()), start=1)
        )
    if question.kind == Kind.MULTIPLE:
        return lambda value: "; ".join(
            label(choice_id, value.get("other"))
            for choice_id in sorted(value.get("choices", ()), key=lambda pk: places.get(pk, 0))
        )
    return lambda value: label(value["choice"], value.get("other")) if value.get("choice") else ""


def survey_export_rows(survey: Survey) -> Iterator[list]:
    """Header first, then one row per submitted response."""
    structure = SurveyStructure(survey)
    named = not survey.is_anonymous
    columns = [(str(question.pk), _formatter(question)) for question in structure.questions]
    yield (NAMED_COLUMNS if named else ["Response"]) + [f"Q{q.number}. {q.text}" for q in structure.questions]

    submitted = Response.objects.filter(survey=survey, submitted_at__isnull=False)
    if named:
        responses = submitted.order_by("submitted_at", "pk").values_list(
            "submitted_answers",
            "pk",
            "submitted_at",
            "channel",
            "entered_by__first_name",
            "entered_by__last_name",
            "entered_by__email",
            "resident__first_name",
            "resident__last_name",
            "tenancy__reference",
            "resident__tenancy__reference",
            "estate__name",
            "tenure_type",
        )
    else:
        # The token is random: ordering by it shuffles the rows, the same way every time.
        responses = submitted.order_by("token").values_list("submitted_answers")

    empty = {}
    for number, (answers, *about) in enumerate(responses.iterator(chunk_size=CHUNK), start=1):
        cells = [format_cell(answers.get(key) or empty) for key, format_cell in columns]
        yield (_about(about) if named else [number]) + cells


def _about(about: list) -> list:
    (
        pk,
        submitted_at,
        channel,
        officer_first,
        officer_last,
        officer_email,
        first,
        last,
        confirmed_tenancy,
        residents_tenancy,
        estate,
        tenure,
    ) = about
    return [
        pk,
        timezone.localtime(submitted_at).replace(tzinfo=None),
        _CHANNELS.get(channel, channel),
        f"{officer_first} {officer_last}".strip() or officer_email or "",
        f"{first} {last}" if first else "",
        confirmed_tenancy or residents_tenancy or "",
        estate or "",
        TenureType(tenure).label if tenure else "",
    ]


def export_filename(survey: Survey, extension: str) -> str:
    """Named by the dates the responses cover (opening to closing, or to today while it is open)."""
    opened = timezone.localdate(survey.opens_at)
    until = min(timezone.localdate(survey.closes_at), timezone.localdate())
    return f"{survey.slug}-responses-{opened.isoformat()}-to-{max(until, opened).isoformat()}.{extension}"
