"""Taking what identifies a resident out of text: their name, email addresses, phone number and address.

Used by the erasure (engagement/services/erasure.py) on free text they or officers wrote.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from engagement.models import Resident
from engagement.phones import display_uk_mobile

REMOVED = "[removed]"


@dataclass(frozen=True)
class Redactor:
    """Takes a resident's name, email addresses, phone number and address out of a text.

    The name is their whole name ("Zofia Kowalczyk", "Kowalczyk, Zofia"): a first name or a
    surname alone names many people, and taking it out of everyone's text would spoil theirs.
    The address is the home's first line and postcode (not the estate, town or street alone).
    """

    identifiers: tuple[str, ...]

    @classmethod
    def for_resident(cls, resident: Resident) -> "Redactor":
        emails = {resident.email, resident.user.email if resident.user_id else ""}
        if resident.user_id:
            emails.update(resident.user.emailaddress_set.values_list("email", flat=True))
        phones = {resident.mobile, display_uk_mobile(resident.mobile) if resident.mobile else ""}
        if resident.mobile.startswith("+44"):
            national = "0" + resident.mobile[3:]
            phones.update({national, f"{national[:5]} {national[5:]}"})
        home = resident.home
        address = {home.address_line_1, home.postcode} if home else set()
        names = {resident.full_name, f"{resident.last_name}, {resident.first_name}"} if resident.last_name else set()
        found = {*names, *emails, *phones, *address} - {""}
        # Longest first: "07700 900456" before a shorter form inside it would leave pieces behind.
        return cls(identifiers=tuple(sorted(found, key=len, reverse=True)))

    def __call__(self, text: str) -> str:
        if not text:
            return text
        for identifier in self.identifiers:
            text = re.sub(re.escape(identifier), REMOVED, text, flags=re.IGNORECASE)
        return text

    def data(self, value):
        """The same for JSON: every string inside lists and dicts."""
        if isinstance(value, str):
            return self(value)
        if isinstance(value, list):
            return [self.data(item) for item in value]
        if isinstance(value, dict):
            return {key: self.data(item) for key, item in value.items()}
        return value

    def matching(self, *fields: str) -> Q:
        """Rows whose text in any of these fields holds one of the identifiers (a first, rough filter)."""
        query = Q()
        for field in fields:
            for identifier in self.identifiers:
                query |= Q(**{f"{field}__icontains": identifier})
        return query

    def redact_rows(self, queryset, *fields: str, json_fields: Iterable[str] = ()) -> int:
        """Redact these text (and JSON) fields in every row of the queryset that holds an identifier."""
        if not self.identifiers:
            return 0
        json_fields = tuple(json_fields)
        as_text = {f"{field}_as_text": Cast(field, TextField()) for field in json_fields}
        candidates = queryset.annotate(**as_text).filter(
            self.matching(*fields, *(f"{field}_as_text" for field in json_fields))
        )
        changed = 0
        for row in candidates:
            for field in fields:
                setattr(row, field, self(getattr(row, field)))
            for field in json_fields:
                setattr(row, field, self.data(getattr(row, field)))
            row.save(update_fields=[*fields, *json_fields])
            changed += 1
        return changed
