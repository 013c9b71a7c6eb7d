"""Building a survey: the choices a question makes for itself, and choices typed one per line."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from surveys.models import Choice, Question

YES_NO = ("Yes", "No")


def _generated_labels(question: Question) -> list[tuple[str, int | None]]:
    if question.kind == Question.Kind.YES_NO:
        return [(label, None) for label in YES_NO]
    if question.kind == Question.Kind.RATING:
        labels = []
        for value in range(question.scale_min, question.scale_max + 1):
            label = str(value)
            if value == question.scale_min and question.scale_min_label:
                label = f"{value} – {question.scale_min_label}"
            elif value == question.scale_max and question.scale_max_label:
                label = f"{value} – {question.scale_max_label}"
            labels.append((label, value))
        return labels
    return []


@transaction.atomic
def question_choices_sync(*, question: Question, labels: list[str] | None = None) -> None:
    """Make the question's choices match: labels typed by the officer, or those its kind implies.

    Choices are matched by position, so fixing a typo keeps everyone's answers. A choice
    someone has already picked cannot be removed: that raises ValidationError.
    """
    if question.kind in Question.OFFICER_CHOICES:
        wanted = [(label, None) for label in (labels if labels is not None else _current_labels(question))]
    elif question.kind == Question.Kind.TEXT:
        wanted = []
    else:
        wanted = _generated_labels(question)

    existing = list(
        question.choices.filter(is_other=False).annotate(picked=Count("answers")).order_by("position", "id")
    )
    for position, (label, value) in enumerate(wanted, start=1):
        if position <= len(existing):
            choice = existing[position - 1]
            if (choice.label, choice.value, choice.position) != (label, value, position):
                choice.label, choice.value, choice.position = label, value, position
                choice.save(update_fields=["label", "value", "position"])
        else:
            Choice.objects.create(question=question, label=label, value=value, position=position)
    _remove(existing[len(wanted) :])
    _sync_other(question, after=len(wanted))


def picked_choices_beyond(*, question: Question, keep: int) -> list[str]:
    """Choices past the first `keep` that people have already picked (so cannot be removed)."""
    return [
        f"“{choice.label}” ({choice.picked} answers)"
        for choice in question.choices.filter(is_other=False)
        .order_by("position", "id")
        .annotate(picked=Count("answers"))[keep:]
        if choice.picked
    ]


def _current_labels(question: Question) -> list[str]:
    return list(question.choices.filter(is_other=False).order_by("position", "id").values_list("label", flat=True))


def _sync_other(question: Question, *, after: int) -> None:
    other = question.choices.filter(is_other=True).annotate(picked=Count("answers")).first()
    if question.allow_other and question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        if other is None:
            Choice.objects.create(question=question, label="Other", is_other=True, position=after + 1)
        elif other.position != after + 1:
            other.position = after + 1
            other.save(update_fields=["position"])
    elif other is not None:
        _remove([other])


def _remove(choices: list[Choice]) -> None:
    picked = [choice for choice in choices if choice.picked]
    if picked:
        names = ", ".join(f"“{choice.label}” ({choice.picked} answers)" for choice in picked)
        raise ValidationError(_("People have already chosen %(names)s, so it cannot be removed.") % {"names": names})
    Choice.objects.filter(pk__in=[choice.pk for choice in choices]).delete()
