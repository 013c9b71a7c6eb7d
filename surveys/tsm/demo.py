"""Demo Tenant Satisfaction Measures: last year's and this year's surveys, closed and published, with
answers on every channel, a few shared owners so LCHO has homes, and the management information. This
year's results are weighted by tenure and household age, so the page shows weighted and unweighted figures.
Relative to the day loaded, and safe to load twice (each year's survey is made once)."""

import random
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from engagement.models import Block, Home, Tenancy, TenureType, User
from surveys.models import ManagementInformation, Response, ResponseChannel, TsmSurvey
from surveys.services.answering import (
    SurveyStructure,
    household_key,
    new_token,
    response_save_page,
    response_submit,
)
from surveys.services.tsm.setup import TSM_TENURES, tsm_survey_create
from surveys.tsm.wording import MANAGEMENT_MEASURES, NOT_APPLICABLE

SHARED_OWNERS = 12
# Households answering each year, at most: enough for estate figures, quick to load.
ANSWERS_PER_YEAR = 160
CHANNELS = [
    ResponseChannel.EMAIL,
    ResponseChannel.EMAIL,
    ResponseChannel.TEXT,
    ResponseChannel.POST,
    ResponseChannel.PHONE,
    ResponseChannel.PAPER,
    ResponseChannel.DOOR,
]
OFFICER_CHANNELS = {ResponseChannel.PHONE, ResponseChannel.PAPER, ResponseChannel.DOOR}
# Figures for the management information, last year then this year: (count, out of).
MANAGEMENT = {
    "RP01": ((41, 1800), (29, 1800)),
    "RP02-1": ((5120, 6400), (5480, 6350)),
    "RP02-2": ((1380, 1420), (1401, 1415)),
    "BS01": ((1772, 1790), (1786, 1790)),
    "BS02": ((96, 98), (98, 98)),
    "BS03": ((180, 190), (188, 190)),
    "BS04": ((60, 64), (63, 64)),
    "BS05": ((40, 40), (40, 40)),
    "CH01-1": ((92, 1800), (81, 1800)),
    "CH01-2": ((14, 1800), (9, 1800)),
    "CH02-1": ((70, 92), (72, 81)),
    "CH02-2": ((11, 14), (8, 9)),
    "NM01-1": ((55, 1800), (48, 1800)),
    "NM01-2": ((3, 1800), (2, 1800)),
}


def reporting_year(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def _shared_owners() -> None:
    block = Block.objects.order_by("pk").first()
    if block is None:
        return
    postcode = Home.objects.filter(block=block).values_list("postcode", flat=True).first() or "SE13 5AB"
    for number in range(1, SHARED_OWNERS + 1):
        home, _ = Home.objects.get_or_create(
            address_line_1=f"{number} Shared Ownership Mews", postcode=postcode, defaults={"block": block}
        )
        Tenancy.objects.get_or_create(
            reference=f"SO-{number:06d}",
            defaults={
                "home": home,
                "tenure_type": TenureType.SHARED_OWNER,
                "start_date": date(2018, 6, 1),
                "household_members": [f"Shared Owner {number}"],
            },
        )


def _answers(structure: SurveyStructure, rng: random.Random, mood: float) -> dict[int, dict]:
    """A household's answers along its own path: filters answered first, then each measure."""
    answers: dict[int, dict] = {}
    position = 0
    while True:
        path = structure.path({str(pk): value for pk, value in answers.items()})
        if position >= len(path):
            return answers
        question = path[position].questions[0]
        choices = list(question.choices.all())
        if question.tsm.code.startswith("filter:"):
            chosen = choices[0] if rng.random() < 0.55 else choices[1]
        else:
            scale = [choice for choice in choices if choice.label != NOT_APPLICABLE]
            if len(choices) > len(scale) and rng.random() < 0.06:
                chosen = choices[-1]
            else:
                # Mostly satisfied, more so in a better year.
                weights = [0.3 + mood, 0.35, 0.12, 0.12 - mood / 2, 0.11 - mood / 2]
                chosen = rng.choices(scale, weights=weights)[0]
        answers[question.pk] = {"choice": chosen.pk}
        position += 1


@transaction.atomic
def _year(year: int, opens_at, rng: random.Random, mood: float, officer, *, weighted: bool = False) -> TsmSurvey:
    existing = TsmSurvey.objects.filter(year=year).select_related("survey").first()
    if existing is not None:
        return existing
    tsm = tsm_survey_create(
        year=year,
        landlord_name=settings.COUNCIL_NAME,
        opens_at=opens_at,
        closes_at=timezone.now() + timedelta(days=1),
        minutes=10,
        contractor="",
        other_issues="",
        weighted=weighted,
    )
    structure = SurveyStructure(tsm.survey)
    tenancies = list(
        Tenancy.objects.filter(tenure_type__in=TSM_TENURES).select_related("home__block").order_by("reference")
    )
    answering = rng.sample(tenancies, min(ANSWERS_PER_YEAR, len(tenancies)))
    answering += [tenancy for tenancy in tenancies if tenancy.tenure_type == TenureType.SHARED_OWNER][:8]
    for tenancy in {tenancy.pk: tenancy for tenancy in answering}.values():
        channel = rng.choice(CHANNELS)
        response = Response.objects.create(
            survey=tsm.survey,
            token=new_token(),
            tenancy=tenancy,
            tenure_type=tenancy.tenure_type,
            estate_id=tenancy.home.block.estate_id,
            household_key=household_key(tsm.survey, tenancy),
            channel=channel,
            entered_by=officer if channel in OFFICER_CHANNELS else None,
        )
        response_save_page(response=response, answers=_answers(structure, rng, mood))
        response_submit(response=response, structure=structure)
    closes_at = opens_at + timedelta(days=42)
    survey = tsm.survey
    survey.closes_at = closes_at
    survey.save(update_fields=["closes_at"])
    tsm.published_at = closes_at + timedelta(days=1)
    tsm.save(update_fields=["published_at"])
    return tsm


def load() -> list[str]:
    today = timezone.localdate()
    this_year = reporting_year(today)
    _shared_owners()
    officer = User.objects.filter(is_staff=True).order_by("pk").first()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    made = []
    for year, opens_at, mood in (
        (this_year - 1, now - timedelta(days=365 + 60), 0.0),
        (this_year, now - timedelta(days=60), 0.06),
    ):
        # This year's figures are weighted by tenure and household age, so the page shows both ways.
        made.append(_year(year, opens_at, random.Random(year), mood, officer, weighted=year == this_year))
        for measure in MANAGEMENT_MEASURES:
            numerator, denominator = MANAGEMENT[measure.code][0 if year < this_year else 1]
            ManagementInformation.objects.get_or_create(
                year=year,
                code=measure.code,
                defaults={
                    "numerator": numerator,
                    "denominator": denominator,
                    "target_timescale": "Emergency: 24 hours; others: 20 working days"
                    if measure.code.startswith("RP02")
                    else (
                        "Stage one: 10 working days; stage two: 20 working days"
                        if measure.asks_target_timescale
                        else ""
                    ),
                    "entered_by": officer,
                },
            )
    return [
        "Tenant Satisfaction Measures: "
        + " and ".join(
            f"{tsm.year_label} ({tsm.survey.responses.filter(submitted_at__isnull=False).count()} answers)"
            for tsm in made
        )
        + " are published at /sounding-board/tenant-satisfaction/, with the management information; officers set "
        "them up in admin under Tenant Satisfaction Measures surveys."
    ]
