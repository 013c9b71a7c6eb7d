"""Email addresses we can send to, checked the way GOV.UK Notify checks them, with a message that says
exactly what to change.

Notify (and most email systems) accept only plain letters a to z, numbers and a few symbols
before the @. "Enter a valid email address" leaves a resident with an accent in their address
guessing; this says which character is the problem and what to type instead.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext, gettext_noop

# Marked for makemessages here; translated where it is shown (gettext at the time).
FORMAT_MESSAGE = gettext_noop("Enter an email address in the correct format, like name@example.com")
# The symbols Notify accepts before the @, besides letters a to z and numbers.
LOCAL_SYMBOLS = ".!#$%&'*+/=?^_`{|}~-"
_LOCAL_PART = re.compile(r"^[a-zA-Z0-9" + re.escape(LOCAL_SYMBOLS) + r"]+$")
_HOST_LABEL = re.compile(r"^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$", re.IGNORECASE)
_TOP_LEVEL = re.compile(r"^([a-z]{2,63}|xn--([a-z0-9]+-)*[a-z0-9]+)$", re.IGNORECASE)
MAX_LENGTH = 320


def _plain(character: str) -> str:
    """The plain letter under an accented one (ë → e), or "" if there is none (ß, 李)."""
    base = unicodedata.normalize("NFKD", character).encode("ascii", "ignore").decode()
    return base if base and _LOCAL_PART.match(base) else ""


def _and_list(items: list[str]) -> str:
    return (
        items[0]
        if len(items) == 1
        else gettext("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])
    )


def _local_part_problem(local: str) -> str:
    wrong = list(dict.fromkeys(character for character in local if not _LOCAL_PART.match(character)))
    if wrong:
        named = _and_list([f"‘{character}’" for character in wrong])
        fixes = [
            gettext("‘{plain}’ instead of ‘{character}’").format(plain=_plain(character), character=character)
            for character in wrong
            if _plain(character)
        ]
        if fixes:
            return gettext(
                "The part of your email address before the @ can only have letters a to z, numbers and symbols "
                "like . ' + - _ (not {named}). Type {fixes} if that is your address, or use another email address"
            ).format(named=named, fixes=_and_list(fixes))
        return gettext(
            "The part of your email address before the @ can only have letters a to z, numbers and symbols "
            "like . ' + - _ (not {named}). Use another email address"
        ).format(named=named)
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return gettext(
            "The part of your email address before the @ cannot start or end with a dot, or have two dots together"
        )
    return ""


def _domain_problem(domain: str) -> str:
    message = gettext("The part of your email address after the @ must be a web address, like example.com")
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return message
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(label) and len(label) <= 63 for label in labels[:-1]):
        return message
    if not _TOP_LEVEL.match(labels[-1]):
        return message
    return ""


def email_address_problem(value: str) -> str:
    """What is wrong with the address, in words for the person who typed it ("" when nothing is)."""
    value = value.strip()
    if value.count("@") != 1 or value.startswith("@") or value.endswith("@"):
        return gettext(FORMAT_MESSAGE)
    if len(value) > MAX_LENGTH:
        return gettext("Email address must be {max_length} characters or fewer").format(max_length=MAX_LENGTH)
    local, domain = value.split("@")
    if any(character.isspace() for character in value):
        return gettext("Email address cannot have spaces in it")
    problem = _local_part_problem(local) or _domain_problem(domain)
    if problem:
        return problem
    try:
        validate_email(value)
    except ValidationError:
        return gettext(FORMAT_MESSAGE)
    return ""


def validate_email_address(value: str) -> None:
    problem = email_address_problem(value)
    if problem:
        # Not code "invalid": a field's own "invalid" message would replace this one.
        raise ValidationError(problem, code="email_address")
