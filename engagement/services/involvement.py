"""The ways a resident can take part, for the reach and diversity report.

Each app registers its own with `register_involvement` in its AppConfig.ready(), so the
project package never imports the apps. `build(since)` returns a query set of the ids of
the residents who took part in that way since the given moment (`.values("resident_id")`):
the report finds them in one pass over the app's table, not by a look-up per resident.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

Build = Callable[[datetime], QuerySet]


@dataclass(frozen=True)
class Involvement:
    code: str
    label: str
    build: Build


_involvements: dict[str, Involvement] = {}


def register_involvement(code: str, label: str, build: Build) -> None:
    _involvements[code] = Involvement(code, label, build)


def involvements() -> list[Involvement]:
    """In the order the apps registered them."""
    return list(_involvements.values())
