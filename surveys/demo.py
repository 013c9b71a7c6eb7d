"""Demo data for the sounding board: an open survey with a few answers, a short survey sent to one
estate (its invitations are in the demo residents' outboxes), a “you said, we did” entry and a
discussion. (The yearly community projects consultation is engagement/community_projects' demo.)
Safe to load twice."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from engagement.messaging.models import Message
from engagement.models import Estate, Resident, User
from surveys.models import Choice, Question, Section, Survey, Theme, Topic, WrittenAnswer
from surveys.services.answering import SurveyStructure, response_save_page, response_start, response_submit
from surveys.services.building import question_choices_sync
from surveys.services.discussions import post_reply
from surveys.services.invitations import survey_invite
from surveys.tsm import demo as tsm_demo

Kind = Question.Kind

PRIVACY = (
    "Community relations and the housing teams named in the survey see the answers. We use them to improve "
    "services and keep them for two years. Read our privacy notice for your rights."
)


def _survey(slug: str, **fields) -> tuple[Survey, bool]:
    return Survey.objects.get_or_create(slug=slug, defaults=fields)


def _question(survey, section, position, kind, text, choices=None, **fields) -> Question:
    question, created = Question.objects.get_or_create(
        survey=survey, section=section, position=position, defaults={"kind": kind, "text": text, **fields}
    )
    if created:
        question_choices_sync(question=question, labels=choices)
    return question


def _repairs_survey(now) -> Survey:
    survey, created = _survey(
        "repairs-how-are-we-doing",
        title="Repairs: how are we doing?",
        introduction="Tell us about your last repair so we can improve the repairs service. It takes about 3 minutes.",
        privacy_notice=PRIVACY,
        opens_at=now - timedelta(days=7),
        closes_at=now + timedelta(days=21),
        access=Survey.Access.OPEN,
        audience={"contact_details": "any", "letter_fallback": True},
    )
    if not created:
        return survey
    first = Section.objects.create(survey=survey, position=1, title="Your last repair")
    details = Section.objects.create(survey=survey, position=2, title="How it went")
    final = Section.objects.create(survey=survey, position=3, title="Anything else")
    had_repair = _question(survey, first, 1, Kind.YES_NO, "Have you had a repair in the last 12 months?")
    _question(
        survey,
        details,
        1,
        Kind.RATING,
        "How would you rate the repair overall?",
        scale_min_label="Very poor",
        scale_max_label="Very good",
    )
    _question(
        survey,
        details,
        2,
        Kind.SINGLE,
        "How did you report it?",
        ["By phone", "Online", "To my housing officer"],
        allow_other=True,
    )
    _question(
        survey,
        details,
        3,
        Kind.MULTIPLE,
        "What went wrong, if anything?",
        ["Nobody came", "It took more than one visit", "The work was poor", "Nothing went wrong"],
        required=False,
    )
    _question(survey, final, 1, Kind.TEXT, "What one thing should we improve?", required=False, max_length=500)
    no = Choice.objects.get(question=had_repair, label="No")
    no.skip_to = final
    no.save(update_fields=["skip_to"])
    return survey


def _estate_survey(now) -> tuple[Survey, int]:
    """A short survey for one estate, sent: each opted-in resident there has their invitation (email, text
    or letter) in the outbox, as an officer's send would leave it."""
    estate = Estate.objects.filter(name="Crossfields").first()
    survey, created = _survey(
        "crossfields-bin-stores",
        title="Crossfields bin stores",
        introduction="We are redesigning the bin stores on Crossfields. Two questions, under a minute.",
        privacy_notice=PRIVACY,
        # 9am yesterday to 5pm a fortnight away, to the minute, as an officer would set them.
        opens_at=timezone.localtime(now - timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0),
        closes_at=timezone.localtime(now + timedelta(days=14)).replace(hour=17, minute=0, second=0, microsecond=0),
        audience={"estates": [estate.pk] if estate else [], "letter_fallback": True},
    )
    if created:
        section = Section.objects.create(survey=survey, position=1, title="Your bin store")
        _question(survey, section, 1, Kind.YES_NO, "Is your bin store clean enough?")
        _question(survey, section, 2, Kind.TEXT, "What one thing would make it better?", required=False, max_length=300)
    if estate is not None and not survey.invitations.exists():
        survey_invite(survey=survey)
    return survey, survey.invitations.count()


def _answer_as(survey: Survey, resident: Resident | None, rng: random.Random) -> None:
    structure = SurveyStructure(survey)
    response = response_start(survey=survey, resident=resident)
    if response.is_submitted:
        return
    answers = {}
    for question in structure.questions:
        choices = [choice.pk for choice in question.choices.all() if not choice.is_other]
        if question.kind in Question.ONE_CHOICE:
            answers[question.pk] = {"choice": rng.choice(choices[:1] * 3 + choices)}
        elif question.kind == Kind.MULTIPLE:
            answers[question.pk] = {"choices": sorted(rng.sample(choices, rng.randint(1, 2)))}
        elif question.kind == Kind.RANKING:
            answers[question.pk] = {"ranking": rng.sample(choices, len(choices))}
        else:
            answers[question.pk] = {
                "text": rng.choice(["Come when you say you will.", "Text me before you arrive.", ""])
            }
            if not answers[question.pk]["text"]:
                answers[question.pk] = {}
    response_save_page(response=response, answers=answers)
    response_submit(response=response, structure=structure)


def _discussion(residents: list[Resident]) -> None:
    officer = User.objects.filter(email="officer@example.gov.uk").first()
    topic, created = Topic.objects.get_or_create(
        title="What would make your estate's bin stores better?",
        defaults={
            "body": "We are redesigning bin stores on three estates this year. What works and what does not on yours?",
            "started_by_officer": officer,
            "links_approved": True,
        },
    )
    if created:
        for resident, words in zip(
            residents,
            ["Lighting, please: ours is pitch black at night.", "Bigger recycling bins. They are full by Tuesday."],
            strict=False,
        ):
            post_reply(topic=topic, body=words, resident=resident)


# Themes an officer coded the repairs survey's written answers with: (theme, words its answers contain).
DEMO_THEMES = [("Keeping to appointments", "when you say"), ("Warning before a visit", "before you arrive")]


def _themes(survey: Survey) -> None:
    for name, words in DEMO_THEMES:
        theme, _ = Theme.objects.get_or_create(survey=survey, name=name)
        theme.answers.add(*WrittenAnswer.objects.written().filter(question__survey=survey, text__icontains=words))


@transaction.atomic
def load() -> list[str]:
    now = timezone.now()
    rng = random.Random(2026)
    # Opening and closing times on the hour, as officers set them in admin.
    on_the_hour = now.replace(minute=0, second=0, microsecond=0)
    repairs = _repairs_survey(on_the_hour)
    residents = list(Resident.objects.filter(tenancy_verified_at__isnull=False).order_by("pk")[:12])
    if not repairs.responses.exists():
        for resident in residents[:8]:
            _answer_as(repairs, resident, rng)
    _discussion(residents[:2])
    _themes(repairs)
    estate_survey, invited = _estate_survey(now)
    sent = (
        Message.objects.filter(template="surveys.invitation", resident__isnull=False)
        .select_related("resident")
        .order_by("channel", "resident__email")
    )
    by_text = sent.filter(channel="text").first()
    satisfaction = tsm_demo.load()
    return [
        f"Sounding board: “{repairs.title}” is open at /sounding-board/, "
        f"with {repairs.responses.filter(submitted_at__isnull=False).count()} answers; results at "
        f"/sounding-board/results/{repairs.pk}/ for staff.",
        f"  “{estate_survey.title}” was sent to the {invited} Crossfields residents who asked for surveys: read each "
        "invitation as they got it in admin under Messages"
        + (f" (by text to {by_text.resident.email}, for one)." if by_text else "."),
        *satisfaction,
    ]
