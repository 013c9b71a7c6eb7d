"""Erasing a resident from the decision trail: decisions hold no link to a person, but officers' words
(what residents said, notes, closing reports, actions) may name them, so their details come out."""

from engagement.decisions.models import Action, ClosingReport, Decision, DecisionSource, DecisionStatusChange
from engagement.models import Resident
from engagement.redaction import Redactor


def decisions_erase(resident: Resident, redact: Redactor) -> None:
    redact.redact_rows(Decision.objects.all(), "title", "you_said", "we_did", "reason_not_doing")
    redact.redact_rows(DecisionStatusChange.objects.all(), "note")
    redact.redact_rows(DecisionSource.objects.all(), "note")
    redact.redact_rows(ClosingReport.objects.all(), "what_was_raised", "what_happens_next")
    redact.redact_rows(Action.objects.all(), "action")
