"""The TSM questions say exactly what the regulator publishes: checked against a copy of the published text.

What the copy below was checked against (searched 3 December 2026; surveys/tsm/wording.py says more):
- The regulator's own text, "Tenant Satisfaction Measures: Tenant survey requirements" (Annex 5 of the
  consultation outcome, updated 21 September 2022), Table 2; and the "Draft TSM Direction" (published
  9 December 2025, given 1 October 2026), Part B. Neither table could be read: the stored copies stop at
  the introductions (paragraph 6 and paragraph 4). So no change made by the Direction is reflected here.
- Each entry's SOURCES: the pages quoting that text which the entry was compared with character by
  character, "[your landlord]" standing where a landlord's questionnaire has its own name.
It is kept here, apart from the module, so a change to either shows up as a failure.
"""

from surveys.tsm.wording import (
    COMMUNAL_FILTER,
    COMPLAINTS_FILTER,
    MANAGEMENT_MEASURES,
    PERCEPTION_BY_CODE,
    PERCEPTION_MEASURES,
    REPAIRS_FILTER,
    with_landlord,
)

SATISFIED = [
    "Very satisfied",
    "Fairly satisfied",
    "Neither satisfied nor dissatisfied",
    "Fairly dissatisfied",
    "Very dissatisfied",
]
AGREE = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]
DONT_KNOW = ["Not applicable / don't know"]

PUBLISHED = {
    "TP01": (
        "Taking everything into account, how satisfied or dissatisfied are you with the service provided by "
        "[your landlord]?",
        SATISFIED,
    ),
    "TP02": (
        "How satisfied or dissatisfied are you with the overall repairs service from [your landlord] over the "
        "last 12 months?",
        SATISFIED,
    ),
    "TP03": (
        "How satisfied or dissatisfied are you with the time taken to complete your most recent repair after "
        "you reported it?",
        SATISFIED,
    ),
    "TP04": (
        "How satisfied or dissatisfied are you that [your landlord] provides a home that is well maintained?",
        SATISFIED,
    ),
    "TP05": (
        "Thinking about the condition of the property or building you live in, how satisfied or dissatisfied "
        "are you that [your landlord] provides a home that is safe?",
        SATISFIED + DONT_KNOW,
    ),
    "TP06": (
        "How satisfied or dissatisfied are you that [your landlord] listens to your views and acts upon them?",
        SATISFIED + DONT_KNOW,
    ),
    "TP07": (
        "How satisfied or dissatisfied are you that [your landlord] keeps you informed about things that "
        "matter to you?",
        SATISFIED + DONT_KNOW,
    ),
    "TP08": (
        "To what extent do you agree or disagree with the following “[your landlord] treats me fairly and "
        "with respect”?",
        AGREE + DONT_KNOW,
    ),
    "TP09": (
        "How satisfied or dissatisfied are you with [your landlord]’s approach to complaints handling?",
        SATISFIED,
    ),
    "TP10": (
        "How satisfied or dissatisfied are you that [your landlord] keeps these communal areas clean and well "
        "maintained?",
        SATISFIED,
    ),
    "TP11": (
        "How satisfied or dissatisfied are you that [your landlord] makes a positive contribution to your "
        "neighbourhood?",
        SATISFIED + DONT_KNOW,
    ),
    "TP12": (
        "How satisfied or dissatisfied are you with [your landlord]’s approach to handling anti-social behaviour?",
        SATISFIED + DONT_KNOW,
    ),
}
ACUITY = "Acuity, TSM measure definitions quoting Table 2 of the Tenant survey requirements (arap.co.uk)"
QUESTIONNAIRE = "A housing association's TSM questionnaire export (Ash Shahada), the regulator's wording with its name"
SOURCES = {
    "TP01": (ACUITY, QUESTIONNAIRE),
    "TP02": (ACUITY, QUESTIONNAIRE),
    "TP04": (ACUITY, QUESTIONNAIRE),
    **{f"TP{n:02d}": (QUESTIONNAIRE,) for n in (3, *range(5, 13))},
    "repairs filter": (ACUITY, QUESTIONNAIRE),
    "complaints filter": (QUESTIONNAIRE,),
    # The questionnaire's copy has no closing question mark; every other question has one.
    "communal filter": (QUESTIONNAIRE,),
}
# Acuity: "Providers must not include a 'don't know', 'not applicable' or similar response" (TP01, TP04).
NO_DONT_KNOW_CONFIRMED = ("TP01", "TP04")

PUBLISHED_FILTERS = {
    "TP02": "Has [your landlord] carried out a repair to your home in the last 12 months?",
    "TP03": "Has [your landlord] carried out a repair to your home in the last 12 months?",
    "TP09": "Have you made a complaint to [your landlord] in the last 12 months?",
    "TP10": "Do you live in a building with communal areas, either inside or outside, that [your landlord] is "
    "responsible for maintaining?",
}


def test_there_are_twelve_perception_measures_in_order():
    assert [measure.code for measure in PERCEPTION_MEASURES] == [f"TP{n:02d}" for n in range(1, 13)]


def test_every_question_is_worded_as_published():
    for code, (text, _) in PUBLISHED.items():
        assert PERCEPTION_BY_CODE[code].question == text, code


def test_every_question_offers_the_published_options_in_order():
    for code, (_, options) in PUBLISHED.items():
        assert list(PERCEPTION_BY_CODE[code].all_options) == options, code


def test_only_tp02_tp03_tp09_and_tp10_are_behind_a_filter_worded_as_published():
    filtered = {measure.code: measure.asked_if.text for measure in PERCEPTION_MEASURES if measure.asked_if}
    assert filtered == PUBLISHED_FILTERS
    assert {REPAIRS_FILTER, COMPLAINTS_FILTER, COMMUNAL_FILTER} == {m.asked_if for m in PERCEPTION_MEASURES} - {None}


def test_satisfied_means_the_first_two_options():
    assert PERCEPTION_BY_CODE["TP01"].positive_options == ("Very satisfied", "Fairly satisfied")
    assert PERCEPTION_BY_CODE["TP08"].positive_options == ("Strongly agree", "Agree")


def test_the_landlord_is_named_where_the_question_says_your_landlord():
    text = with_landlord(PERCEPTION_BY_CODE["TP09"].question, "Lewisham Council")
    assert text == "How satisfied or dissatisfied are you with Lewisham Council’s approach to complaints handling?"


def test_management_measures_cover_the_ten_codes_with_both_parts_where_asked():
    codes = [measure.code for measure in MANAGEMENT_MEASURES]
    assert codes == [
        "RP01",
        "RP02-1",
        "RP02-2",
        "BS01",
        "BS02",
        "BS03",
        "BS04",
        "BS05",
        "CH01-1",
        "CH01-2",
        "CH02-1",
        "CH02-2",
        "NM01-1",
        "NM01-2",
    ]
    assert len({code.split("-")[0] for code in codes}) == 10


def test_management_measures_work_out_percentages_and_rates_per_thousand_homes():
    by_code = {measure.code: measure for measure in MANAGEMENT_MEASURES}
    assert str(by_code["BS01"].value(997, 1000)) == "99.7"
    assert str(by_code["CH01-1"].value(412, 8240)) == "50.0"
    assert by_code["RP01"].value(3, 0) is None


def test_every_question_and_filter_names_what_it_was_checked_against():
    assert set(SOURCES) == set(PUBLISHED) | {"repairs filter", "complaints filter", "communal filter"}
    assert all(SOURCES.values())


def test_no_dont_know_where_the_published_text_forbids_it():
    for code in NO_DONT_KNOW_CONFIRMED:
        assert not PERCEPTION_BY_CODE[code].allows_not_applicable, code


# The Technical Requirements' descriptions, as Kirklees Council publishes them beside its results (Dover
# Council's page has the same, but drops "a repair" from TP03). TP07-TP12 were not found.
COUNCILS_QUOTING_THE_TECHNICAL_REQUIREMENTS = {
    "TP01": "Proportion of respondents who report that they are satisfied with the overall service from their landlord.",
    "TP02": "Proportion of respondents who have received a repair in the last 12 months who report that they are "
    "satisfied with the overall repairs service.",
    "TP03": "Proportion of respondents who have received a repair in the last 12 months who report that they are "
    "satisfied with the time taken to complete their most recent repair.",
    "TP04": "Proportion of respondents who report that they are satisfied that their home is well maintained.",
    "TP05": "Proportion of respondents who report that they are satisfied that their home is safe.",
    "TP06": "Proportion of respondents who report that they are satisfied that their landlord listens to tenant views "
    "and acts upon them.",
}
# Gentoo Group's 2023/24 summary of approach: "Don't know/Refused" kept on the telephone but not read out.
NOT_READ_OUT = ("TP01", "TP02", "TP03", "TP04", "TP09", "TP10")


def test_descriptions_are_the_technical_requirements_where_they_were_found():
    for code, text in COUNCILS_QUOTING_THE_TECHNICAL_REQUIREMENTS.items():
        assert str(PERCEPTION_BY_CODE[code].description) == text, code
    assert all(str(measure.description).startswith("Proportion of respondents") for measure in PERCEPTION_MEASURES)


def test_dont_know_is_offered_exactly_where_the_published_approaches_say():
    offered = {measure.code for measure in PERCEPTION_MEASURES if measure.allows_not_applicable}
    assert offered == {f"TP{n:02d}" for n in range(1, 13)} - set(NOT_READ_OUT)
