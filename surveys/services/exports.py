"""Survey responses for download: one row per response, one column per question.

Rows are built a chunk of responses at a time (their answers fetched with one query per
chunk), so 100,000 responses stream without being held in memory. Anonymous exports have
no names, dates or channels, and their rows are in a random order, so no row can be
matched to a person by when or how they answered.
"""

from collections import defaultdict
from collections.abc import Iterator

from django.utils import timezone

from surveys.models import Answer, Question, Response, Survey
from surveys.services.answering import SurveyStructure

CHUNK = 2000
Kind = Question.Kind


def _header(structure: SurveyStructure, named: bool) -> list[str]:
    people = ["Response", "Submitted", "How", "Entered by", "Name", "Tenancy reference", "Estate", "Tenure"]
    columns = people if named else ["Response"]
    return columns + [f"Q{question.number}. {question.text}" for question in structure.questions]


def _cell(question: Question, rows: list[tuple], choice_by_id) -> str | int:
    def label(choice_id, text):
        choice = choice_by_id.get(choice_id)
        if choice is None:
            return ""
        return f"{choice.label}: {text}" if choice.is_other and text else choice.label

    if question.kind == Kind.TEXT:
        return rows[0][2] if rows else ""
    if question.kind == Kind.RATING:
        choice = choice_by_id.get(rows[0][0]) if rows else None
        return choice.value if choice is not None else ""
    if question.kind == Kind.RANKING:
        return "; ".join(f"{position}. {label(choice_id, '')}" for choice_id, position, _ in sorted(rows, key=lambda r: r[1]))
    return "; ".join(label(choice_id, text) for choice_id, _, text in sorted(rows, key=lambda r: r[1] or 0))


def survey_export_rows(survey: Survey) -> Iterator[list]:
    """Header first, then one row per submitted response."""
    structure = SurveyStructure(survey)
    named = not survey.is_anonymous
    yield _header(structure, named)

    responses = Response.objects.filter(survey=survey, submitted_at__isnull=False)
    if named:
        responses = responses.select_related("resident__tenancy", "tenancy", "estate", "entered_by").order_by("submitted_at", "pk")
    else:
        # The token is random: ordering by it shuffles the rows, the same way every time.
        responses = responses.only("pk").order_by("token")

    number = 0
    chunk: list[Response] = []
    for response in responses.iterator(chunk_size=CHUNK):
        chunk.append(response)
        if len(chunk) == CHUNK:
            yield from _rows(chunk, structure, named, number)
            number += len(chunk)
            chunk = []
    if chunk:
        yield from _rows(chunk, structure, named, number)


def _rows(responses: list[Response], structure: SurveyStructure, named: bool, start: int) -> Iterator[list]:
    answers: dict[int, dict[int, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    for response_id, question_id, choice_id, position, text in Answer.objects.filter(
        response__in=[response.pk for response in responses]
    ).values_list("response_id", "question_id", "choice_id", "position", "text"):
        answers[response_id][question_id].append((choice_id, position, text))

    for offset, response in enumerate(responses, start=1):
        given = answers.get(response.pk, {})
        cells = [_cell(question, given.get(question.pk, []), structure.choice_by_id) for question in structure.questions]
        if not named:
            yield [start + offset, *cells]
            continue
        resident = response.resident
        tenancy = response.tenancy or (resident.tenancy if resident else None)
        yield [
            response.pk,
            timezone.localtime(response.submitted_at).replace(tzinfo=None),
            response.get_channel_display(),
            response.entered_by.get_full_name() or response.entered_by.email if response.entered_by else "",
            resident.full_name if resident else "",
            tenancy.reference if tenancy else "",
            response.estate.name if response.estate else "",
            response.get_tenure_type_display(),
            *cells,
        ]


def export_filename(survey: Survey, extension: str) -> str:
    return f"{survey.slug}-responses-{timezone.localdate().isoformat()}.{extension}"
