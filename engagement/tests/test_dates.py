from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from engagement.dates import date_text, month_text, time_on_date_text, time_text, when_text

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    "hour, minute, words",
    [
        (0, 0, "midnight"),
        (0, 30, "12:30am"),
        (9, 0, "9am"),
        (11, 59, "11:59am"),
        (12, 0, "midday"),
        (12, 15, "12:15pm"),
        (17, 30, "5:30pm"),
        (23, 5, "11:05pm"),
    ],
)
def test_times_are_written_the_gov_uk_way(hour, minute, words):
    assert time_text(datetime(2026, 3, 3, hour, minute, tzinfo=LONDON)) == words


def test_times_are_shown_in_london_time():
    assert time_text(datetime(2026, 7, 1, 11, 0, tzinfo=UTC)) == "midday"
    assert time_text(datetime(2026, 6, 30, 23, 0, tzinfo=UTC)) == "midnight"


def test_dates_have_no_leading_zero_and_the_weekday_when_asked():
    moment = datetime(2026, 3, 3, 18, 0, tzinfo=LONDON)
    assert date_text(moment) == "3 March 2026"
    assert date_text(moment, weekday=True) == "Tuesday 3 March 2026"
    assert date_text(date(2026, 4, 2)) == "2 April 2026"


def test_a_date_near_midnight_is_the_london_day():
    assert date_text(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) == "1 July 2026"


def test_a_month_is_named_with_its_year_in_london_time():
    assert month_text(date(2026, 4, 2)) == "April 2026"
    assert month_text(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) == "July 2026"


@pytest.mark.parametrize(
    "moment, words",
    [
        (datetime(2026, 3, 13, 17, 0, tzinfo=LONDON), "5pm on 13 March 2026"),
        (datetime(2026, 4, 2, 9, 30, tzinfo=LONDON), "9:30am on 2 April 2026"),
        (datetime(2026, 4, 2, 12, 0, tzinfo=LONDON), "midday on 2 April 2026"),
        (datetime(2026, 4, 3, 0, 0, tzinfo=LONDON), "midnight on 3 April 2026"),
    ],
)
def test_deadlines_read_time_on_date(moment, words):
    assert time_on_date_text(moment) == words


def test_a_deadline_can_name_the_weekday():
    moment = datetime(2026, 3, 3, 18, 0, tzinfo=LONDON)
    assert time_on_date_text(moment, weekday=True) == "6pm on Tuesday 3 March 2026"


def test_an_event_within_a_day_names_the_day_once():
    starts = datetime(2026, 3, 3, 18, 0, tzinfo=LONDON)
    ends = datetime(2026, 3, 3, 19, 30, tzinfo=LONDON)
    assert when_text(starts, ends) == "Tuesday 3 March 2026, 6pm to 7:30pm"


def test_an_event_running_to_midnight_ends_at_midnight_on_the_next_day():
    starts = datetime(2026, 3, 3, 22, 0, tzinfo=LONDON)
    ends = datetime(2026, 3, 4, 0, 0, tzinfo=LONDON)
    assert when_text(starts, ends) == "Tuesday 3 March 2026, 10pm to Wednesday 4 March 2026, midnight"


def test_a_midday_start_says_midday():
    starts = datetime(2026, 3, 3, 12, 0, tzinfo=LONDON)
    ends = datetime(2026, 3, 3, 14, 0, tzinfo=LONDON)
    assert when_text(starts, ends) == "Tuesday 3 March 2026, midday to 2pm"


def test_quarters_start_in_january_april_july_and_october():
    from engagement.dates import next_quarter, quarter_key, quarter_start

    assert quarter_start(date(2026, 3, 31)) == date(2026, 1, 1)
    assert quarter_start(date(2026, 4, 1)) == date(2026, 4, 1)
    assert quarter_key(date(2026, 12, 3)) == "2026-10"
    assert next_quarter(date(2026, 10, 1)) == date(2027, 1, 1)
