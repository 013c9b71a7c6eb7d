"""A resident's part of the portal's shared hooks: their download, erasure, and taking part in the reach report."""

from django.db.models import F
from django.db.models.functions import TruncDate
from django.utils import timezone

from engagement.community_projects.models import Proposal, Vote
from engagement.models import Resident
from engagement.redaction import Redactor


def proposals_and_choices(resident: Resident) -> list[dict]:
    proposals = Proposal.objects.filter(proposed_by=resident).select_related("round", "estate").order_by("pk")
    rows = [
        {
            "round": str(proposal.round),
            "proposed": proposal.title,
            "what": proposal.what,
            "where": proposal.where_text,
            "who_benefits": proposal.who_benefits,
            "status": proposal.get_moderation_display(),
            "proposed_at": proposal.created_at,
        }
        for proposal in proposals
    ]
    votes = Vote.objects.filter(resident=resident).select_related("round").prefetch_related("projects")
    rows.extend(
        {
            "round": str(vote.round),
            "chose": ", ".join(project.title for project in vote.projects.all()),
            "chosen_at": vote.cast_at,
        }
        for vote in votes.order_by("pk")
    )
    return rows


def community_projects_erase(resident: Resident, redact: Redactor) -> None:
    # Ideas stay (residents may have chosen them); their words lose the resident's name and address.
    redact.redact_rows(Proposal.objects.all(), "title", "what", "where", "who_benefits", "rejected_reason")


def proposed():
    day = TruncDate("created_at", tzinfo=timezone.get_current_timezone())
    yield Proposal.objects.filter(proposed_by__isnull=False).annotate(
        resident_id=F("proposed_by_id"), first_on=day, last_on=day
    )


def chose():
    day = TruncDate("cast_at", tzinfo=timezone.get_current_timezone())
    yield Vote.objects.filter(resident__isnull=False).annotate(first_on=day, last_on=day)
