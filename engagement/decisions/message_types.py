"""The message the decision trail sends (words in templates/messages/decisions/)."""

from engagement.messaging.registry import register
from engagement.models import Purpose

# About something the resident took part in, like a booking confirmation: not marketing.
DECISION_UPDATE = register(
    "decisions.update",
    purpose=Purpose.SERVICE,
    description="Tells residents who took part what was decided, once when it is published and at each change",
)
DECISION_OVERDUE = register(
    "decisions.overdue",
    purpose=Purpose.SERVICE,
    description="Tells a decision's owner (a member of staff) that its target date has passed",
)
