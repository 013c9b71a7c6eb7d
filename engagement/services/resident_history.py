"""A resident's history for officers: one timeline of everything the apps hold about their involvement.

Each app registers its kinds of entry with `register_history` in its AppConfig.ready(), so the
project package never imports the apps. A source reads one kind for one resident in a fixed number
of queries (whatever the resident's history holds), and may name the permission an officer needs
to see it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

# The newest entries of each kind shown: a resident active for years still gets a page that loads.
MOST_PER_KIND = 200


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    what: str
    detail: str = ""
    link: str = ""
    kind: str = ""


Source = Callable[..., Iterable[HistoryEntry]]


@dataclass(frozen=True)
class HistoryKind:
    code: str
    label: str
    entries: Source  # entries(resident, limit=...) -> the newest `limit` entries
    permission: str = ""


_kinds: dict[str, HistoryKind] = {}


def register_history(code: str, label: str, entries: Source, *, permission: str = "") -> None:
    _kinds[code] = HistoryKind(code, label, entries, permission)


def history_kinds(user) -> list[HistoryKind]:
    """The kinds this officer may see, in the order the apps registered them."""
    return [kind for kind in _kinds.values() if not kind.permission or user.has_perm(kind.permission)]


def resident_history(resident, *, user, kinds: Iterable[str] = ()) -> list[HistoryEntry]:
    """Newest first. `kinds` narrows it to those kinds (all the officer may see when empty)."""
    wanted = set(kinds)
    entries = []
    for kind in history_kinds(user):
        if wanted and kind.code not in wanted:
            continue
        for entry in kind.entries(resident, limit=MOST_PER_KIND):
            entries.append(HistoryEntry(entry.at, entry.what, entry.detail, entry.link, kind.code))
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def at_start_of(day: date) -> datetime:
    """For records kept as a date (a membership's start): that day's start, in local time."""
    return timezone.make_aware(datetime.combine(day, time.min))


def admin_link(model_instance) -> str:
    """The object's admin change page, or "" where it has none."""
    meta = model_instance._meta
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[model_instance.pk])
    except NoReverseMatch:
        return ""
