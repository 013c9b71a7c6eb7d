"""Dates and times written the GOV.UK way, for pages and messages alike.

"9am", "5:30pm", "midday", "midnight"; "3 March 2026" or "Tuesday 3 March 2026";
ranges joined with "to". Moments are shown in the council's local time. Midnight is the
first minute of the day it names, as the GOV.UK style guide has it.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone


def _local(value: date | datetime) -> date | datetime:
    return timezone.localtime(value) if isinstance(value, datetime) else value


def time_text(moment: datetime) -> str:
    """'midnight', 'midday', '9am', '5:30pm': no '00', no leading zero, no '12pm'."""
    return clock_text(timezone.localtime(moment).time())


def clock_text(value: time) -> str:
    """A time of day with no date, as time_text writes it: opening hours."""
    if value.minute == 0 and value.hour in (0, 12):
        return "midnight" if value.hour == 0 else "midday"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def date_text(value: date | datetime, *, weekday: bool = False) -> str:
    """'3 March 2026', or 'Tuesday 3 March 2026' with the weekday."""
    value = _local(value)
    text = f"{value.day} {value:%B %Y}"
    return f"{value:%A} {text}" if weekday else text


def month_text(value: date | datetime) -> str:
    """'March 2026': a calendar month."""
    return f"{_local(value):%B %Y}"


def time_on_date_text(moment: datetime, *, weekday: bool = False) -> str:
    """'5pm on 13 March 2026': a deadline or an opening time."""
    return f"{time_text(moment)} on {date_text(moment, weekday=weekday)}"


def when_text(starts_at: datetime, ends_at: datetime) -> str:
    """'Tuesday 3 March 2026, 6pm to 7:30pm'; both dates when it runs past the day."""
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if start.date() == end.date():
        return f"{date_text(start, weekday=True)}, {time_text(start)} to {time_text(end)}"
    return f"{date_text(start, weekday=True)}, {time_text(start)} to {date_text(end, weekday=True)}, {time_text(end)}"


def end_of_this_minute() -> datetime:
    """The end of the current minute. Lists of what is still to come are worked out for it and kept for
    that minute, so a list kept during the minute never shows an event that has ended."""
    return timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=1)


# The council's year runs from 1 April, as its reports and the regulator's returns do.
FINANCIAL_YEAR_STARTS_MONTH = 4


def financial_year_start(day: date) -> date:
    """1 April of the financial year the day falls in."""
    return date(day.year if day.month >= FINANCIAL_YEAR_STARTS_MONTH else day.year - 1, FINANCIAL_YEAR_STARTS_MONTH, 1)


def quarter_start(day: date) -> date:
    """The first day of the quarter the day falls in: quarters start in January, April, July and October, so
    the council's year (from April) is four of them."""
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def quarter_key(day: date) -> str:
    """ "2026-07": the quarter a day falls in, as the summary of who took part records it."""
    return f"{quarter_start(day):%Y-%m}"


def next_quarter(start: date) -> date:
    month = start.month + 3
    return date(start.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def financial_year_text(start: date) -> str:
    """ "2026 to 2027", as GOV.UK writes a financial year."""
    return f"{start.year} to {start.year + 1}"


def _easter_sunday(year: int) -> date:
    """The Gregorian Easter Sunday (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _mondays(year: int, month: int) -> list[date]:
    first = date(year, month, 1)
    monday = first + timedelta(days=(7 - first.weekday()) % 7)
    return [monday + timedelta(weeks=n) for n in range(5) if (monday + timedelta(weeks=n)).month == month]


def bank_holidays(year: int) -> set[date]:
    """England and Wales's bank holidays by their usual rules (gov.uk/bank-holidays): a holiday on a
    weekend moves to the next weekday. One-off changes (a coronation, a moved May holiday) are not known."""
    easter = _easter_sunday(year)
    days = {easter - timedelta(days=2), easter + timedelta(days=1)}
    days |= {_mondays(year, 5)[0], _mondays(year, 5)[-1], _mondays(year, 8)[-1]}
    new_year = date(year, 1, 1)
    days.add(new_year + timedelta(days={5: 2, 6: 1}.get(new_year.weekday(), 0)))
    christmas = date(year, 12, 25)
    # Christmas on a Saturday: Monday and Tuesday; on a Sunday: Boxing Day Monday, Christmas Tuesday;
    # on a Friday: Boxing Day moves to Monday.
    moved = {4: (0, 3), 5: (2, 3), 6: (2, 1)}.get(christmas.weekday(), (0, 1))
    days |= {christmas + timedelta(days=moved[0]), christmas + timedelta(days=moved[1])}
    return days


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def working_days_after(day: date, days: int) -> date:
    """The date `days` working days (Monday to Friday, not a bank holiday) after `day`."""
    while days > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def working_day_before(day: date) -> date:
    """The last working day before `day`."""
    day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day
