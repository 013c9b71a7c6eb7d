"""The resident's part of "download my data": the decisions what they told us led to."""

from engagement.decisions.services import contributions_of
from engagement.models import Resident


def decisions_from_what_you_said(resident: Resident) -> list[dict]:
    return [
        {
            "decision": contribution.decision.title,
            "what_you_told_us": "; ".join(contribution.what_you_told_us),
            "what_the_council_decided": contribution.decision.we_did,
            "where_it_stands": contribution.decision.get_status_display(),
            "published_at": contribution.decision.published_at,
        }
        for contribution in contributions_of(resident)
    ]
