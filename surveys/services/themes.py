"""Coding written answers with themes: tagging, counts by theme, and the answers with their themes to export."""

from collections.abc import Iterator

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from surveys.models import Survey, Theme, WrittenAnswer


class ThemeRefused(Exception):
    """A tag that cannot be made; the message is written for the officer."""


def answer_tag(*, answer: WrittenAnswer, theme: Theme) -> None:
    if theme.survey_id != answer.question.survey_id:
        raise ThemeRefused(
            _("“%(theme)s” is a theme of another survey: add it to this survey's themes first") % {"theme": theme.name}
        )
    theme.answers.add(answer)


def answer_untag(*, answer: WrittenAnswer, theme: Theme) -> None:
    theme.answers.remove(answer)


def theme_counts(survey: Survey) -> QuerySet[Theme]:
    """The survey's themes, each with how many written answers carry it, most first."""
    return survey.themes.annotate(tagged=Count("answers")).order_by("-tagged", "name")


EXPORT_HEADER = ["Survey", "Question", "Response", "Submitted on", "Answer", "Themes"]


def written_answer_rows(answers: QuerySet[WrittenAnswer]) -> Iterator[list]:
    """Header first, then one row per written answer with its themes (no names: the answer as written)."""
    yield EXPORT_HEADER
    answers = (
        answers.select_related("question__survey", "response")
        .prefetch_related(None)
        .prefetch_related(Prefetch("themes", Theme.objects.order_by("name")))
    )
    for answer in answers.order_by("question__survey", "question__position", "pk"):
        yield [
            answer.question.survey.title,
            answer.question.text,
            answer.response_id,
            timezone.localtime(answer.response.submitted_at).date() if answer.response.submitted_at else None,
            answer.text,
            "; ".join(theme.name for theme in answer.themes.all()),
        ]
