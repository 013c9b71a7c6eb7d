"""Publishing “you said, we did”, and telling everyone who took part."""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from engagement.messaging.services import message_queue
from engagement.models import Resident
from surveys.models import YouSaidWeDid


def participants(entry: YouSaidWeDid):
    """Residents who took part in what the entry is about (for now, those who answered its survey).

    Panels and walkabouts will add theirs here once they can be linked to an entry.
    """
    if not entry.survey_id:
        return Resident.objects.none()
    return Resident.objects.filter(
        Q(survey_responses__survey=entry.survey_id, survey_responses__submitted_at__isnull=False)
        | Q(survey_invitations__survey=entry.survey_id, survey_invitations__response__submitted_at__isnull=False)
    ).distinct()


def you_said_we_did_publish(*, entry: YouSaidWeDid) -> None:
    """Show it on the public page, and (once it commits) tell everyone who took part."""
    from surveys.tasks import tell_participants

    with transaction.atomic():
        entry = YouSaidWeDid.objects.select_for_update().get(pk=entry.pk)
        if entry.published_at is None:
            entry.published_at = timezone.now()
            entry.save(update_fields=["published_at", "updated_at"])
        transaction.on_commit(lambda: tell_participants.delay(entry.pk))


def you_said_we_did_unpublish(*, entry: YouSaidWeDid) -> None:
    YouSaidWeDid.objects.filter(pk=entry.pk).update(published_at=None)


def you_said_we_did_tell_participants(*, entry_id: int) -> int:
    """Message each participant once (safe to run again: each message has its own key)."""
    with transaction.atomic():
        entry = YouSaidWeDid.objects.select_for_update(of=("self",)).select_related("survey").get(pk=entry_id)
        if entry.published_at is None:
            return 0
        personalisation = {
            "title": entry.title,
            "source": entry.source,
            "you_said": entry.you_said,
            "we_did": entry.we_did,
            "page_url": settings.SITE_URL + reverse("surveys:you_said_we_did") + f"#entry-{entry.pk}",
        }
        told = 0
        for resident in participants(entry).select_related("tenancy__home").iterator(chunk_size=1000):
            message = message_queue(
                template="surveys.you_said_we_did",
                key=f"surveys.you_said_we_did:{entry.pk}:{resident.pk}",
                resident=resident,
                personalisation=personalisation,
            )
            told += message is not None
        entry.participants_told_at = entry.participants_told_at or timezone.now()
        entry.save(update_fields=["participants_told_at", "updated_at"])
    return told
