"""The Tenant Satisfaction Measures as the Regulator of Social Housing publishes them: the tenant perception
questions (TP01–TP12) with their response options and filters, and the management information measures.

The wording must not be changed: the regulator requires every landlord to ask these questions, worded so,
so that landlords can be compared. `[your landlord]` is replaced by the landlord's name when a survey is
built. Tests keep a copy of the published text and check this module against it.

Sources (looked up again with the project's search tool on 3 December 2026; what each gave, exactly):
- Regulator of Social Housing, "Tenant Satisfaction Measures: Tenant survey requirements", Annex 5 of the
  consultation outcome, updated 21 September 2022 (Table 2 holds the questions, options and filters):
  https://www.gov.uk/government/consultations/consultation-on-the-introduction-of-tenant-satisfaction-measures/outcome/annex-5-tenant-satisfaction-measures-tenant-survey-requirements-accessible
  The stored copy stops at paragraph 6 of the introduction: Table 2 itself could not be read.
- Regulator of Social Housing, "Draft TSM Direction (accessible version)", published 9 December 2025, given
  1 October 2026: https://www.gov.uk/government/publications/tsm-direction/draft-tsm-direction-accessible-version
  Part A is "Tenant Satisfaction Measures: Technical Requirements", Part B "Tenant Satisfaction Measures:
  Tenant Survey Requirements" (paragraph 2). The stored copy stops at paragraph 4 of the introduction, so
  whether the Direction changes any question, option, filter or management information definition could
  NOT be checked; nothing here is changed on its account.
- Regulator of Social Housing, "Tenant Satisfaction Measures - Technical requirements" (updated 2 April
  2024): https://www.gov.uk/government/publications/tenant-satisfaction-measures-technical-requirements
  The stored copy holds its contents list and introduction only.
- Regulator of Social Housing, "CEO letter Annex B - Tenant Satisfaction Measures (large providers and local
  authorities)", published 11 March 2025: both parts of CH01, CH02, RP02 and NM01 (Technical Requirements
  paragraphs 6-7, 22-23); target timescales for RP02 and CH02; the summary of approach, items a to k of
  paragraph 35 of the survey requirements.
So the wording is checked against pages that quote the regulator's text, each named in
surveys/tests/test_tsm_wording.py beside what it confirms:
- Acuity (arap.co.uk) measure definitions, which say they quote Table 2 of the survey requirements:
  TP01, TP04 and the repairs filter with TP02 word for word, and that TP01 and TP04 must not offer "don't
  know" or "not applicable" (https://www.arap.co.uk/performanceindicator/overall-satisfaction/,
  …/well-maintained-home/, …/overall-repairs-service/).
- A landlord's questionnaire (the Ash Shahada housing association's survey export, public code indexed by
  the search tool) that uses the regulator's wording with its own name in place of "[your landlord]": all of
  TP01-TP12 and the three filters, word for word, except that its communal areas filter has no closing
  question mark (kept here, as every other question ends with one).
- Published results pages (Dover, Kirklees councils) giving the Technical Requirements' descriptions
  ("Proportion of respondents who report that they are satisfied with the overall service from their
  landlord.") for TP01-TP06.
Which measures may offer "not applicable / don't know" (TP05-TP08, TP11, TP12): for TP01 and TP04 the
Acuity quotations confirm it must not be offered; West Lancashire Council's published 2024 results report a
"Not Applicable / Don't Know" share for TP05-TP08 and none for TP01-TP04; for TP09-TP12 it follows the
earlier build's reading of published summaries of approach. Neither the rule for TP02, TP03, TP09-TP12 nor
the option's exact wording could be read in the regulator's own text. The Technical Requirements'
descriptions of the measures were seen (quoted by councils) only for TP01-TP06 (see DESCRIPTIONS).
Gentoo Group's 2023/24 summary of approach says a "Don't know/Refused" option was kept for TP01-TP04, TP09
and TP10 on the telephone but not read out, which agrees with none of those six offering it here.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

LANDLORD = "[your landlord]"

SATISFACTION = (
    "Very satisfied",
    "Fairly satisfied",
    "Neither satisfied nor dissatisfied",
    "Fairly dissatisfied",
    "Very dissatisfied",
)
AGREEMENT = (
    "Strongly agree",
    "Agree",
    "Neither agree nor disagree",
    "Disagree",
    "Strongly disagree",
)
# Never counted in a measure's base.
NOT_APPLICABLE = "Not applicable / don't know"
YES_NO = ("Yes", "No")

# How many of the options, from the first, count as satisfied (or agreeing).
POSITIVE_OPTIONS = 2


@dataclass(frozen=True)
class Filter:
    """A yes/no question asked first: only those answering "Yes" are asked the measures behind it."""

    code: str
    text: str


REPAIRS_FILTER = Filter("repairs", f"Has {LANDLORD} carried out a repair to your home in the last 12 months?")
COMPLAINTS_FILTER = Filter("complaints", f"Have you made a complaint to {LANDLORD} in the last 12 months?")
COMMUNAL_FILTER = Filter(
    "communal",
    "Do you live in a building with communal areas, either inside or outside, that "
    f"{LANDLORD} is responsible for maintaining?",
)
FILTERS = (REPAIRS_FILTER, COMPLAINTS_FILTER, COMMUNAL_FILTER)


@dataclass(frozen=True)
class PerceptionMeasure:
    code: str
    name: str
    theme: str
    question: str
    options: tuple[str, ...] = SATISFACTION
    allows_not_applicable: bool = False
    asked_if: Filter | None = None

    @property
    def all_options(self) -> tuple[str, ...]:
        return self.options + ((NOT_APPLICABLE,) if self.allows_not_applicable else ())

    @property
    def positive_options(self) -> tuple[str, ...]:
        return self.options[:POSITIVE_OPTIONS]

    @property
    def description(self) -> str:
        """What the measure is, for the public page and the export."""
        return DESCRIPTIONS[self.code]


OVERALL = "Overall satisfaction"
REPAIR = "Keeping properties in good repair"
SAFETY = "Maintaining building safety"
ENGAGEMENT = "Respectful and helpful engagement"
COMPLAINTS = "Effective handling of complaints"
NEIGHBOURHOOD = "Responsible neighbourhood management"

PERCEPTION_MEASURES = (
    PerceptionMeasure(
        "TP01",
        "Overall satisfaction",
        OVERALL,
        f"Taking everything into account, how satisfied or dissatisfied are you with the service provided by {LANDLORD}?",
    ),
    PerceptionMeasure(
        "TP02",
        "Satisfaction with repairs",
        REPAIR,
        f"How satisfied or dissatisfied are you with the overall repairs service from {LANDLORD} over the last 12 months?",
        asked_if=REPAIRS_FILTER,
    ),
    PerceptionMeasure(
        "TP03",
        "Satisfaction with time taken to complete most recent repair",
        REPAIR,
        "How satisfied or dissatisfied are you with the time taken to complete your most recent repair "
        "after you reported it?",
        asked_if=REPAIRS_FILTER,
    ),
    PerceptionMeasure(
        "TP04",
        "Satisfaction that the home is well maintained",
        REPAIR,
        f"How satisfied or dissatisfied are you that {LANDLORD} provides a home that is well maintained?",
    ),
    PerceptionMeasure(
        "TP05",
        "Satisfaction that the home is safe",
        SAFETY,
        "Thinking about the condition of the property or building you live in, how satisfied or dissatisfied "
        f"are you that {LANDLORD} provides a home that is safe?",
        allows_not_applicable=True,
    ),
    PerceptionMeasure(
        "TP06",
        "Satisfaction that the landlord listens to tenant views and acts upon them",
        ENGAGEMENT,
        f"How satisfied or dissatisfied are you that {LANDLORD} listens to your views and acts upon them?",
        allows_not_applicable=True,
    ),
    PerceptionMeasure(
        "TP07",
        "Satisfaction that the landlord keeps tenants informed about things that matter to them",
        ENGAGEMENT,
        f"How satisfied or dissatisfied are you that {LANDLORD} keeps you informed about things that matter to you?",
        allows_not_applicable=True,
    ),
    PerceptionMeasure(
        "TP08",
        "Agreement that the landlord treats tenants fairly and with respect",
        ENGAGEMENT,
        f"To what extent do you agree or disagree with the following “{LANDLORD} treats me fairly and with respect”?",
        options=AGREEMENT,
        allows_not_applicable=True,
    ),
    PerceptionMeasure(
        "TP09",
        "Satisfaction with the landlord’s approach to handling complaints",
        COMPLAINTS,
        f"How satisfied or dissatisfied are you with {LANDLORD}’s approach to complaints handling?",
        asked_if=COMPLAINTS_FILTER,
    ),
    PerceptionMeasure(
        "TP10",
        "Satisfaction that the landlord keeps communal areas clean and well maintained",
        NEIGHBOURHOOD,
        f"How satisfied or dissatisfied are you that {LANDLORD} keeps these communal areas clean and well maintained?",
        asked_if=COMMUNAL_FILTER,
    ),
    PerceptionMeasure(
        "TP11",
        "Satisfaction that the landlord makes a positive contribution to neighbourhoods",
        NEIGHBOURHOOD,
        f"How satisfied or dissatisfied are you that {LANDLORD} makes a positive contribution to your neighbourhood?",
        allows_not_applicable=True,
    ),
    PerceptionMeasure(
        "TP12",
        "Satisfaction with the landlord’s approach to handling anti-social behaviour",
        NEIGHBOURHOOD,
        f"How satisfied or dissatisfied are you with {LANDLORD}’s approach to handling anti-social behaviour?",
        allows_not_applicable=True,
    ),
)
PERCEPTION_BY_CODE = {measure.code: measure for measure in PERCEPTION_MEASURES}

# What each measure is. TP01-TP06 are the Technical Requirements' descriptions as Dover and Kirklees councils
# publish them beside their results (Dover's TP03 drops "a repair", which Kirklees has); TP07-TP12 could not
# be read in any source, so they are ours, written in the same pattern from the measure's name and filter.
DESCRIPTIONS = {
    "TP01": _(
        "Proportion of respondents who report that they are satisfied with the overall service from their landlord."
    ),
    "TP02": _(
        "Proportion of respondents who have received a repair in the last 12 months who report that they are "
        "satisfied with the overall repairs service."
    ),
    "TP03": _(
        "Proportion of respondents who have received a repair in the last 12 months who report that they are "
        "satisfied with the time taken to complete their most recent repair."
    ),
    "TP04": _("Proportion of respondents who report that they are satisfied that their home is well maintained."),
    "TP05": _("Proportion of respondents who report that they are satisfied that their home is safe."),
    "TP06": _(
        "Proportion of respondents who report that they are satisfied that their landlord listens to tenant views "
        "and acts upon them."
    ),
    "TP07": _(
        "Proportion of respondents who report that they are satisfied that their landlord keeps them informed "
        "about things that matter to them."
    ),
    "TP08": _(
        "Proportion of respondents who report that they agree their landlord treats them fairly and with respect."
    ),
    "TP09": _(
        "Proportion of respondents who have made a complaint in the last 12 months who report that they are "
        "satisfied with their landlord’s approach to complaints handling."
    ),
    "TP10": _(
        "Proportion of respondents with communal areas in their building who report that they are satisfied that "
        "their landlord keeps these areas clean and well maintained."
    ),
    "TP11": _(
        "Proportion of respondents who report that they are satisfied that their landlord makes a positive "
        "contribution to their neighbourhood."
    ),
    "TP12": _(
        "Proportion of respondents who report that they are satisfied with their landlord’s approach to handling "
        "anti-social behaviour."
    ),
}

# What the survey must tell tenants before the first question. The requirements ask that tenants are told
# these things; these sentences are ours, not the regulator's. The requirement itself was seen only as
# councils restate it (Nuneaton and Bedworth: "at the start of the survey, confirm approximately how long it
# will take to complete" and "make tenants aware that the survey will be used for tenant satisfaction
# measures"); the survey requirements' own paragraph could not be read.
REQUIRED_STATEMENTS = (
    "This survey takes about {minutes} minutes.",
    "Your answers will be used to work out the Tenant Satisfaction Measures, which every social landlord in "
    "England must publish each year and report to the Regulator of Social Housing.",
)


def with_landlord(text: str, landlord: str) -> str:
    return text.replace(LANDLORD, landlord)


# --- Management information measures: entered by officers each year. ---
# Names and codes are the regulator's (CEO letter Annex B, 11 March 2025, lists BS01-BS05, CH01, CH02, NM01,
# RP01, RP02, with both parts of CH01, CH02, RP02 and NM01 and the target timescales of RP02 and CH02).
# The Technical Requirements' own definitions could not be read (see above); Acuity's quotations of them
# confirm for BS01, BS02 and BS04 that the measure covers LCRA and LCHO homes together, counts a home only
# when every required check for it (and for the communal parts serving it) was carried out and kept up to
# date, and does not count remedial work. The definitions and counts below are ours, written to match.


@dataclass(frozen=True)
class ManagementMeasure:
    """One figure the regulator asks for, worked out from a count and what it is counted out of."""

    code: str
    name: str
    theme: str
    definition: str
    numerator: str
    denominator: str
    # 100 for a percentage; 1,000 for "per 1,000 homes".
    per: int = 100
    asks_target_timescale: bool = False
    parts_of: str = field(default="")

    @property
    def unit(self) -> str:
        return "%" if self.per == 100 else " per 1,000 homes"

    def value(self, numerator, denominator) -> Decimal | None:
        if not denominator:
            return None
        return (Decimal(numerator) * self.per / Decimal(denominator)).quantize(Decimal("0.1"))


MANAGEMENT_MEASURES = (
    ManagementMeasure(
        "RP01",
        "Homes that do not meet the Decent Homes Standard",
        REPAIR,
        "Proportion of homes that do not meet the Decent Homes Standard.",
        "Homes that do not meet the Decent Homes Standard at the year end",
        "Homes owned at the year end",
    ),
    ManagementMeasure(
        "RP02-1",
        "Repairs completed within target timescale: non-emergency repairs",
        REPAIR,
        "Proportion of non-emergency responsive repairs completed within the landlord’s target timescale.",
        "Non-emergency repairs completed within the target timescale in the year",
        "Non-emergency repairs completed in the year",
        asks_target_timescale=True,
        parts_of="RP02",
    ),
    ManagementMeasure(
        "RP02-2",
        "Repairs completed within target timescale: emergency repairs",
        REPAIR,
        "Proportion of emergency responsive repairs completed within the landlord’s target timescale.",
        "Emergency repairs completed within the target timescale in the year",
        "Emergency repairs completed in the year",
        asks_target_timescale=True,
        parts_of="RP02",
    ),
    ManagementMeasure(
        "BS01",
        "Gas safety checks",
        SAFETY,
        "Proportion of homes for which all required gas safety checks have been carried out.",
        "Homes for which all required gas safety checks were carried out",
        "Homes that require gas safety checks",
    ),
    ManagementMeasure(
        "BS02",
        "Fire safety checks",
        SAFETY,
        "Proportion of homes for which all required fire risk assessments have been carried out.",
        "Homes for which all required fire risk assessments were carried out",
        "Homes that require fire risk assessments",
    ),
    ManagementMeasure(
        "BS03",
        "Asbestos safety checks",
        SAFETY,
        "Proportion of homes for which all required asbestos management surveys or re-inspections have been "
        "carried out.",
        "Homes for which all required asbestos surveys or re-inspections were carried out",
        "Homes that require asbestos management surveys or re-inspections",
    ),
    ManagementMeasure(
        "BS04",
        "Water safety checks",
        SAFETY,
        "Proportion of homes for which all required legionella risk assessments have been carried out.",
        "Homes for which all required legionella risk assessments were carried out",
        "Homes that require legionella risk assessments",
    ),
    ManagementMeasure(
        "BS05",
        "Lift safety checks",
        SAFETY,
        "Proportion of homes for which all required communal passenger lift safety checks have been carried out.",
        "Homes for which all required lift safety checks were carried out",
        "Homes that require communal passenger lift safety checks",
    ),
    ManagementMeasure(
        "CH01-1",
        "Complaints relative to the size of the landlord: stage one",
        COMPLAINTS,
        "Number of stage one complaints received per 1,000 homes.",
        "Stage one complaints received in the year",
        "Homes owned",
        per=1000,
        parts_of="CH01",
    ),
    ManagementMeasure(
        "CH01-2",
        "Complaints relative to the size of the landlord: stage two",
        COMPLAINTS,
        "Number of stage two complaints received per 1,000 homes.",
        "Stage two complaints received in the year",
        "Homes owned",
        per=1000,
        parts_of="CH01",
    ),
    ManagementMeasure(
        "CH02-1",
        "Complaints responded to within Complaint Handling Code timescales: stage one",
        COMPLAINTS,
        "Proportion of stage one complaints responded to within the Housing Ombudsman’s Complaint Handling "
        "Code timescales.",
        "Stage one complaints responded to within the timescales",
        "Stage one complaints responded to in the year",
        asks_target_timescale=True,
        parts_of="CH02",
    ),
    ManagementMeasure(
        "CH02-2",
        "Complaints responded to within Complaint Handling Code timescales: stage two",
        COMPLAINTS,
        "Proportion of stage two complaints responded to within the Housing Ombudsman’s Complaint Handling "
        "Code timescales.",
        "Stage two complaints responded to within the timescales",
        "Stage two complaints responded to in the year",
        asks_target_timescale=True,
        parts_of="CH02",
    ),
    ManagementMeasure(
        "NM01-1",
        "Anti-social behaviour cases relative to the size of the landlord",
        NEIGHBOURHOOD,
        "Number of anti-social behaviour cases opened per 1,000 homes.",
        "Anti-social behaviour cases opened in the year",
        "Homes owned",
        per=1000,
        parts_of="NM01",
    ),
    ManagementMeasure(
        "NM01-2",
        "Anti-social behaviour cases that involve hate incidents relative to the size of the landlord",
        NEIGHBOURHOOD,
        "Number of anti-social behaviour cases that involve hate incidents opened per 1,000 homes.",
        "Anti-social behaviour cases involving hate incidents opened in the year",
        "Homes owned",
        per=1000,
        parts_of="NM01",
    ),
)
MANAGEMENT_BY_CODE = {measure.code: measure for measure in MANAGEMENT_MEASURES}
