"""Whether, and by which channel, we may contact a resident: their consent and a working address.

("Reach" in this project means taking part: see the reach report. Here it is only contact.)
"""

from django.conf import settings

from engagement.messaging.unsubscribe import unsubscribe_url
from engagement.models import Channel, Consent, Purpose, Resident

# A resident's channels, in the order we prefer them for each purpose.
CHANNEL_ORDER = (Channel.EMAIL, Channel.TEXT, Channel.POST)


def consents_of(resident: Resident) -> dict[tuple[str, str], bool]:
    return consents_of_many([resident.pk])[resident.pk]


def consents_of_many(resident_ids) -> dict[int, dict[tuple[str, str], bool]]:
    """Each resident's answers, by (channel, purpose), in one query."""
    answers: dict[int, dict[tuple[str, str], bool]] = {resident_id: {} for resident_id in resident_ids}
    rows = Consent.objects.filter(resident_id__in=answers).values_list("resident_id", "channel", "purpose", "given")
    for resident_id, channel, purpose, given in rows:
        answers[resident_id][(channel, purpose)] = given
    return answers


def permitted(resident: Resident, channel: str, purpose: str, consents: dict, *, letter_fallback=False) -> bool:
    """Whether this resident may get a message of this purpose by this channel, and has a working address for it.

    Engagement messages need a recorded yes. Service messages go unless the resident said no.
    A letter may stand in for email and text, where the officer allows it, for residents we
    have no other way to contact, unless they have said no to post.
    """
    if not contactable(resident, channel):
        return False
    answer = consents.get((channel, purpose))
    if purpose == Purpose.SERVICE:
        return answer is not False
    if answer:
        return True
    return (
        channel == Channel.POST
        and letter_fallback
        and answer is None
        and not contactable(resident, Channel.EMAIL)
        and not contactable(resident, Channel.TEXT)
    )


def contactable(resident: Resident, channel: str) -> bool:
    if channel == Channel.EMAIL:
        return bool(resident.email) and not resident.email_undeliverable
    if channel == Channel.TEXT:
        return bool(resident.mobile) and not resident.mobile_undeliverable
    home = resident.home
    return home is not None and not home.undeliverable_post


def preferred_channel(
    resident: Resident, purpose: str, *, letter_fallback=False, consents: dict | None = None
) -> str | None:
    """The first channel in CHANNEL_ORDER we may contact this resident by, or None."""
    if consents is None:
        consents = consents_of(resident)
    for channel in CHANNEL_ORDER:
        if permitted(resident, channel, purpose, consents, letter_fallback=letter_fallback):
            return channel
    return None


def standard_personalisation(resident: Resident | None, channel: str, purpose: str) -> dict:
    """What every message template can use: the resident's name, the site, and for engagement an unsubscribe link."""
    personalisation = {"site_url": settings.SITE_URL, "service_name": settings.SERVICE_NAME}
    if resident is not None:
        personalisation["first_name"] = resident.first_name
        if purpose == Purpose.ENGAGEMENT:
            personalisation["unsubscribe_url"] = unsubscribe_url(resident.pk, channel)
    return personalisation
