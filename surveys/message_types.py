"""The messages the sounding board sends (words in templates/messages/surveys/)."""

from engagement.models import Purpose
from engagement.plugins import register_message_type

SURVEY_INVITATION = register_message_type(
    "surveys.invitation",
    purpose=Purpose.ENGAGEMENT,
    description="An invitation to answer a survey, with the resident's own link (and a short code on letters)",
)
SURVEY_REMINDER = register_message_type(
    "surveys.reminder",
    purpose=Purpose.ENGAGEMENT,
    description="One reminder, before a survey closes, to invited residents who have not answered",
)
