"""Erasing a resident from the sounding board: answers stay, counted as before (named answers become
anonymous, as the resident is); what they wrote loses what identifies them."""

from engagement.models import Resident
from engagement.redaction import Redactor
from surveys.models import Answer, Post, PostReport, Response, Topic


def surveys_erase(resident: Resident, redact: Redactor) -> None:
    redact.redact_rows(Answer.objects.exclude(text=""), "text")
    # What was typed on each page, kept on the response while it is answered (and as sent).
    redact.redact_rows(Response.objects.all(), json_fields=("answers", "submitted_answers"))
    redact.redact_rows(Topic.objects.all(), "title", "body", "hidden_reason")
    redact.redact_rows(Post.objects.all(), "body", "hidden_reason")
    redact.redact_rows(PostReport.objects.all(), "reason")
