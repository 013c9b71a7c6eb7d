"""UK mobile numbers, validated and stored in E.164 (+447700900123)."""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Ofcom keeps 07700 900000-900999 for drama and testing. phonenumbers calls them
# invalid, but we accept them so demo data and tests can never text a real person.
_OFCOM_DRAMA_RANGE = re.compile(r"^\+447700900\d{3}$")


def normalise_uk_mobile(value: str) -> str:
    """Return the number in E.164, or raise ValidationError if it is not a UK mobile number."""
    message = "Enter a UK mobile number, like 07700 900 982"
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        raise ValidationError(message, code="invalid_mobile") from None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if _OFCOM_DRAMA_RANGE.match(e164):
        return e164
    if not phonenumbers.is_valid_number(number) or number.country_code != 44:
        raise ValidationError(message, code="invalid_mobile")
    if phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise ValidationError(_("Enter a mobile number, not a landline, so we can send you texts"), code="not_mobile")
    return e164


def normalise_uk_phone(value: str) -> str:
    """Any UK phone number (landline or mobile) in E.164, or ValidationError: for replies by phone call."""
    message = "Enter a UK phone number, like 020 7946 0018 or 07700 900 982"
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        raise ValidationError(message, code="invalid_phone") from None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if _OFCOM_DRAMA_RANGE.match(e164):
        return e164
    if not phonenumbers.is_valid_number(number) or number.country_code != 44:
        raise ValidationError(message, code="invalid_phone")
    return e164


def display_uk_mobile(e164: str) -> str:
    """Format a stored number the way residents write it: 07700 900982."""
    if not e164:
        return ""
    return phonenumbers.format_number(phonenumbers.parse(e164, "GB"), phonenumbers.PhoneNumberFormat.NATIONAL)
