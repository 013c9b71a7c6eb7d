"""Pieces of a page kept in the cache under a key worked out from what they show.

A list's rows are still read on every request (that is cheap and bounded by the page), but writing them
out is not: the same rows give the same key, and the piece written last time is used again. Any change
to a row makes a new key, so nothing needs clearing and nothing shown is ever out of date; pieces no
longer asked for fall out of the cache when they expire.
"""

import hashlib

from django.db import models

# How long a piece is kept after it was written: long enough to serve many visitors, short enough that
# pieces nobody asks for again do not fill the cache.
KEPT_SECONDS = 60 * 60


def content_key(*parts) -> str:
    """A key that changes whenever any of `parts` does (dates, strings, numbers, tuples of them)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def row_facts(row: models.Model | None, *related: str) -> tuple:
    """Every column read of a row, and of the rows it refers to through `related` (already selected), for a key.

    Columns left unread (.only, .defer) are left out rather than read one query at a time.
    """
    if row is None:
        return ()
    unread = row.get_deferred_fields()
    facts = tuple(getattr(row, field.attname) for field in row._meta.concrete_fields if field.attname not in unread)
    return facts + tuple(row_facts(_follow(row, path)) for path in related)


def _follow(row, path: str):
    for name in path.split("__"):
        row = getattr(row, name) if row is not None else None
    return row
