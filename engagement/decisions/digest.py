"""The decision trail's sections of the councillors' weekly ward digest: consultations open in the
ward (and borough-wide), and decisions published or changed for the ward that week."""

from datetime import datetime

from django.db.models import Q

from engagement.dates import date_text
from engagement.decisions.models import Decision
from engagement.links import site_url
from engagement.messaging.services.digests import DigestItem
from engagement.models import Ward
from surveys.models import Survey


def _reaches_ward(survey: Survey, ward: Ward, estates_in_ward: set[int]) -> str | None:
    """ "ward" or "borough" if the survey's audience covers the ward, else None."""
    audience = survey.audience or {}
    wards, estates = audience.get("wards") or [], audience.get("estates") or []
    if not wards and not estates:
        return "borough"
    if ward.pk in wards or estates_in_ward.intersection(estates):
        return "ward"
    return None


def consultations_open(ward: Ward, since: datetime, until: datetime) -> list[DigestItem]:
    """Surveys open at the end of the week to the ward's residents, the ward's own first."""
    open_now = Survey.objects.filter(opens_at__lte=until, closes_at__gt=until).order_by("closes_at", "pk")
    estates_in_ward = set(ward.estates.values_list("pk", flat=True))
    reached = [(survey, _reaches_ward(survey, ward, estates_in_ward)) for survey in open_now]
    items = []
    for where in ("ward", "borough"):
        for survey, reaches in reached:
            if reaches == where:
                items.append(
                    DigestItem(
                        title=survey.title,
                        detail=f"{'In the ward' if where == 'ward' else 'Borough-wide'}, "
                        f"closes {date_text(survey.closes_at)}",
                        url=site_url("surveys:survey", survey.slug),
                    )
                )
    return items


def decisions_published_or_changed(ward: Ward, since: datetime, until: datetime) -> list[DigestItem]:
    """Decisions for the ward (or borough-wide) that were published or changed status that week."""
    this_week = Q(published_at__gte=since, published_at__lt=until) | Q(
        history__created_at__gte=since, history__created_at__lt=until
    )
    for_ward = Q(wards=ward) | Q(estates__ward=ward) | Q(wards__isnull=True, estates__isnull=True)
    decisions = Decision.objects.published().filter(this_week).filter(for_ward).distinct().order_by("title")
    return [
        DigestItem(
            title=decision.title,
            detail=f"{decision.get_status_display()}"
            + (" (published this week)" if decision.published_at >= since else " (changed this week)"),
            url=site_url("decisions:decision", decision.pk),
        )
        for decision in decisions
    ]
