"""A voter's part of the portal's shared hooks: their download, erasure, and taking part in the reach report.

Only whether someone voted is ever shown, never how: that is not held against them (see models.py).
"""

from django.db.models.functions import TruncDate
from django.utils import timezone

from engagement.ballots.models import BallotLogEntry, Voter
from engagement.models import Resident
from engagement.redaction import Redactor


def register_entries(resident: Resident) -> list[dict]:
    voters = Voter.objects.filter(resident=resident).select_related("ballot__scheme").order_by("pk")
    return [
        {
            "ballot": voter.ballot.scheme.name,
            "eligible_as": voter.get_basis_display(),
            "taken_off_the_register": voter.excluded_at,
            "voting_code_sent": voter.code_sent_at,
            "voted": voter.voted_at,
            "method_of_voting": voter.get_voted_by_display(),
        }
        for voter in voters
    ]


def ballots_erase(resident: Resident, redact: Redactor) -> None:
    # Officers' reasons may name the resident or others in their home; the entries stay, as the ballot's record.
    redact.redact_rows(Voter.objects.all(), "added_reason", "excluded_reason")
    redact.redact_rows(BallotLogEntry.objects.all(), "what")


def voted():
    day = TruncDate("voted_at", tzinfo=timezone.get_current_timezone())
    yield Voter.objects.filter(voted_at__isnull=False).annotate(first_on=day, last_on=day)
