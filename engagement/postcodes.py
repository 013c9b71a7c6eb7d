"""UK postcodes: one normal form so that "se6 4ru" and "SE64RU" are the same place."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The shapes in BS 7666 (outward code, space, inward code), plus GIR 0AA.
_POSTCODE = re.compile(r"^(GIR0AA|[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2})$")


def normalise_postcode(value: str) -> str:
    """Return the postcode in capitals with one space before the last three characters.

    Raises ValidationError when it is not shaped like a UK postcode.
    """
    compact = re.sub(r"\s+", "", value or "").upper()
    if not _POSTCODE.match(compact):
        raise ValidationError(_("Enter a real postcode, like SE6 4RU"), code="invalid_postcode")
    return f"{compact[:-3]} {compact[-3:]}"


def validate_postcode(value: str) -> None:
    normalise_postcode(value)
