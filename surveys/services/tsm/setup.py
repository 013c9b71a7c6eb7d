"""Setting up a Tenant Satisfaction Measures survey: an ordinary survey built from the regulator's wording.

The filters are the survey's own skip logic: answering "No" to "Has [your landlord] carried out a repair
to your home in the last 12 months?" skips the two repairs measures, and so on. Every household is asked
once (the survey checks tenancies), and invitations, letters with short codes, and paper, phone and
doorstep answers entered by officers all work as for any survey.
"""

from django.db import transaction
from django.db.models import Count

from engagement.models import Tenancy, TsmStockGroup, tsm_stock_group
from engagement.models.tenancies import LOW_COST_HOME_OWNERSHIP, LOW_COST_RENTAL
from surveys.models import Choice, Question, Section, Survey, TsmQuestion, TsmSurvey
from surveys.models.tsm import reporting_year_label
from surveys.tsm.statistics import target_margin
from surveys.tsm.wording import (
    COMMUNAL_FILTER,
    COMPLAINTS_FILTER,
    NOT_APPLICABLE,
    PERCEPTION_BY_CODE,
    REPAIRS_FILTER,
    REQUIRED_STATEMENTS,
    YES_NO,
    Filter,
    with_landlord,
)

PRIVACY = (
    "Housing officers and the Service and Performance Panel see the answers. We use them to work out the "
    "Tenant Satisfaction Measures and to improve services, report the results to the Regulator of Social "
    "Housing without names, and keep the answers for two years. Read our privacy notice for your rights."
)

# The sections, in order: a filter question gets a section of its own, so "No" can skip the next one.
PLAN = (
    ("Overall satisfaction", ("TP01",)),
    ("Repairs", (REPAIRS_FILTER,)),
    ("Your repairs", ("TP02", "TP03")),
    ("Your home", ("TP04", "TP05")),
    ("How we treat you", ("TP06", "TP07", "TP08")),
    ("Complaints", (COMPLAINTS_FILTER,)),
    ("Your complaint", ("TP09",)),
    ("Communal areas", (COMMUNAL_FILTER,)),
    ("Cleaning and upkeep of communal areas", ("TP10",)),
    ("Your neighbourhood", ("TP11", "TP12")),
)

TSM_TENURES = sorted(LOW_COST_RENTAL | LOW_COST_HOME_OWNERSHIP)


def tsm_stock() -> dict[str, int]:
    """Households on the tenancy list in each TSM group: the homes the survey speaks for."""
    counts = {TsmStockGroup.LCRA: 0, TsmStockGroup.LCHO: 0}
    for row in Tenancy.objects.filter(tenure_type__in=TSM_TENURES).values("tenure_type").annotate(n=Count("id")):
        counts[tsm_stock_group(row["tenure_type"])] += row["n"]
    return counts


def tsm_introduction(minutes: int) -> str:
    return "\n\n".join(statement.format(minutes=minutes) for statement in REQUIRED_STATEMENTS)


@transaction.atomic
def tsm_survey_create(*, year: int, landlord_name: str, opens_at, closes_at, created_by=None, **fields) -> TsmSurvey:
    """A TSM survey for the year, with the regulator's questions in order and the stock as it is today."""
    stock = tsm_stock()
    tsm = TsmSurvey(
        year=year,
        landlord_name=landlord_name,
        lcra_homes=stock[TsmStockGroup.LCRA],
        lcho_homes=stock[TsmStockGroup.LCHO],
        lcra_margin=target_margin(stock[TsmStockGroup.LCRA]),
        lcho_margin=target_margin(stock[TsmStockGroup.LCHO]),
        **fields,
    )
    survey = Survey.objects.create(
        title=f"Tenant satisfaction survey {reporting_year_label(year)}",
        slug=f"tenant-satisfaction-{year}",
        kind=Survey.Kind.TENANT_SATISFACTION,
        introduction=tsm_introduction(tsm.minutes),
        privacy_notice=PRIVACY,
        opens_at=opens_at,
        closes_at=closes_at,
        access=Survey.Access.INVITATION,
        # One answer from each household, however many people in it are invited.
        ask_tenancy=True,
        layout=Survey.Layout.QUESTION,
        audience={"tenure_types": TSM_TENURES, "letter_fallback": True},
        created_by=created_by,
    )
    tsm.survey = survey
    tsm.full_clean(exclude=["survey"])
    tsm.save()
    _build_questions(tsm)
    return tsm


def _build_questions(tsm: TsmSurvey) -> None:
    survey = tsm.survey
    sections = [
        Section.objects.create(survey=survey, position=position, title=title)
        for position, (title, _) in enumerate(PLAN, start=1)
    ]
    for index, (section, (_, items)) in enumerate(zip(sections, PLAN, strict=True)):
        for position, item in enumerate(items, start=1):
            if isinstance(item, Filter):
                question = _question(tsm, section, position, item.text, YES_NO, f"filter:{item.code}")
                # "No" skips the measures behind the filter: the section after next.
                question.choices.filter(label="No").update(skip_to=sections[index + 2])
            else:
                measure = PERCEPTION_BY_CODE[item]
                _question(tsm, section, position, measure.question, measure.options, measure.code, measure=measure)


def _question(tsm, section, position, text, options, code, measure=None) -> Question:
    question = Question.objects.create(
        survey=tsm.survey,
        section=section,
        position=position,
        text=with_landlord(text, tsm.landlord_name),
        kind=Question.Kind.SINGLE,
        # Tenants may leave any question: the regulator asks that they can move on without answering.
        required=False,
    )
    labels = list(options)
    Choice.objects.bulk_create(
        # The option's place on the scale (1 = very satisfied), so results never depend on the label.
        Choice(question=question, position=number, label=label, value=number if measure else None)
        for number, label in enumerate(labels, start=1)
    )
    if measure is not None and measure.allows_not_applicable:
        Choice.objects.create(question=question, position=len(labels) + 1, label=NOT_APPLICABLE, value=None)
    TsmQuestion.objects.create(tsm_survey=tsm, question=question, code=code)
    return question
