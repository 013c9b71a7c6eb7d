"""Recording contact consent; every change is kept in ConsentChange. Whether a message may go is
engagement.messaging.services.contactable.permitted."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from engagement.models import Consent, ConsentChange, Resident


@transaction.atomic
def consent_record(
    resident: Resident,
    *,
    channel: str,
    purpose: str,
    given: bool,
    source: str,
    recorded_by=None,
    at: datetime | None = None,
) -> bool:
    """Set one consent; return True if it changed.

    Saying the same thing again records nothing, and an answer older than the one we
    hold (a paper form entered late, say) does not overrule the resident's later choice.
    """
    at = at or timezone.now()
    current = Consent.objects.select_for_update().filter(resident=resident, channel=channel, purpose=purpose).first()
    if current is not None and (current.given == given or current.changed_at > at):
        return False
    if current is None:
        Consent.objects.create(
            resident=resident, channel=channel, purpose=purpose, given=given, changed_at=at, source=source
        )
    else:
        current.given, current.changed_at, current.source = given, at, source
        current.save(update_fields=["given", "changed_at", "source"])
    ConsentChange.objects.create(
        resident=resident,
        channel=channel,
        purpose=purpose,
        given=given,
        changed_at=at,
        source=source,
        recorded_by=recorded_by,
    )
    return True


def consent_record_many(
    resident: Resident, answers: dict[tuple[str, str], bool], *, source: str, recorded_by=None
) -> int:
    """Record several (channel, purpose) answers at once; return how many changed."""
    return sum(
        consent_record(resident, channel=channel, purpose=purpose, given=given, source=source, recorded_by=recorded_by)
        for (channel, purpose), given in answers.items()
    )
