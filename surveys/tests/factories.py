"""Factories for surveys, building on the shared ones."""

from datetime import timedelta

import factory
from django.utils import timezone

from engagement.models import Channel, ConsentSource, Purpose
from engagement.services.consent import consent_record
from engagement.tests.factories import ResidentFactory
from surveys.models import Question, Section, Survey, Topic
from surveys.services.building import question_choices_sync


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Repairs survey {n}")
    slug = factory.Sequence(lambda n: f"repairs-survey-{n}")
    introduction = "Tell us how the repairs service is doing."
    privacy_notice = "Only the repairs improvement team sees your answers. We keep them for two years."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


def add_section(survey: Survey, title: str = "", position: int | None = None) -> Section:
    position = position or survey.sections.count() + 1
    return Section.objects.create(survey=survey, position=position, title=title or f"Section {position}")


def add_question(survey: Survey, kind: str, text: str, *, choices=None, section=None, **fields) -> Question:
    """A question with its choices: typed ones for single/multiple/ranking, generated ones otherwise."""
    section = section or survey.sections.last() or add_section(survey)
    position = fields.pop("position", section.questions.count() + 1)
    question = Question.objects.create(
        survey=survey, section=section, kind=kind, text=text, position=position, **fields
    )
    question_choices_sync(question=question, labels=choices)
    return question


def choice(question: Question, label: str):
    return question.choices.get(label=label)


def opted_in_resident(*, channels=(Channel.EMAIL,), mobile="", **fields):
    """A resident with a confirmed tenancy who said yes to surveys by these channels."""
    resident = ResidentFactory(mobile=mobile, **fields)
    for channel in channels:
        consent_record(resident, channel=channel, purpose=Purpose.ENGAGEMENT, given=True, source=ConsentSource.ACCOUNT)
    return resident


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    title = factory.Sequence(lambda n: f"Discussion {n}")
    body = "What do you think of the new bin stores?"
    status = Topic.Status.OPEN


def bulk_responses(survey: Survey, count: int, answers_for, **fields) -> list:
    """`count` submitted responses written with bulk_create (for results at scale).

    `answers_for(i)` gives response i's answers as (question, choice or None, position, text) tuples.
    """
    from surveys.models import Answer, Response

    now = timezone.now()
    start = Response.objects.count()
    given = [answers_for(i) for i in range(count)]
    responses = Response.objects.bulk_create(
        Response(
            survey=survey,
            token=f"bulk-{survey.pk}-{start + i}",
            channel=fields.get("channel", "public_link"),
            submitted_at=now,
            first_submitted_at=now,
            submitted_answers=as_submitted(given[i]),
            **{key: value for key, value in fields.items() if key != "channel"},
        )
        for i in range(count)
    )
    Answer.objects.bulk_create(
        (
            Answer(response=response, question=question, choice=picked, position=position, text=text)
            for response, rows in zip(responses, given, strict=True)
            for question, picked, position, text in rows
        ),
        batch_size=5000,
    )
    return responses


def as_submitted(rows) -> dict:
    """Answer rows as (question, choice, position, text) in the shape Response.answers keeps them."""
    answers: dict[str, dict] = {}
    for question, picked, _position, text in rows:
        value = answers.setdefault(str(question.pk), {})
        if question.kind == Question.Kind.TEXT:
            value["text"] = text
        elif question.kind == Question.Kind.RANKING:
            value.setdefault("ranking", []).append(picked.pk)
        elif question.kind == Question.Kind.MULTIPLE:
            value.setdefault("choices", []).append(picked.pk)
        else:
            value["choice"] = picked.pk
        if text and picked is not None:
            value["other"] = text
    return answers
