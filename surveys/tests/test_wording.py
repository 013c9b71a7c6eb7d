from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from surveys.wording import when

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    "moment, words",
    [
        (datetime(2026, 3, 13, 17, 0, tzinfo=LONDON), "5pm on 13 March 2026"),
        (datetime(2026, 4, 2, 9, 30, tzinfo=LONDON), "9:30am on 2 April 2026"),
        (datetime(2026, 4, 2, 12, 0, tzinfo=LONDON), "midday on 2 April 2026"),
        (datetime(2026, 4, 3, 0, 0, tzinfo=LONDON), "midnight on 3 April 2026"),
    ],
)
def test_dates_are_written_the_gov_uk_way(moment, words):
    assert when(moment) == words
