"""The ways a resident can take part, for the reach and diversity report.

Each app registers its own with `register_involvement` in its AppConfig.ready(), so the
project package never imports the apps. `build(since)` returns a boolean expression
(an `Exists` on the app's model, with `resident=OuterRef("pk")`) that is true for a
resident who took part in that way since the given moment.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Expression

Build = Callable[[datetime], Expression]


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
