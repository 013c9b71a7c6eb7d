"""Issues raised at walkabouts and open days (or afterwards): an owner, a target date, updates the raiser sees."""

import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageOps

from engagement.links import site_url
from engagement.messaging.services import message_queue
from engagement.models import Estate, Resident
from engagement.services.involvement import involvement_changed
from events.models import Event, Issue, IssueCategory, IssueUpdate
from events.models.walkabouts import validate_photo_pixels

PHOTO_MAX_SIDE = 2000


def photo_clean(upload: UploadedFile) -> ContentFile:
    """Re-encode the photo: turns it the right way up, shrinks it, and keeps nothing but the picture
    (phone photos carry the GPS position of where they were taken; JPEGs and PNGs can carry comments)."""
    validate_photo_pixels(upload)
    upload.seek(0)
    with Image.open(upload) as image:
        is_png = (image.format or Path(upload.name).suffix.lstrip(".")).lower() == "png"
        # A JPEG can be decoded at 1/2, 1/4 or 1/8 of its size: no bigger than needed.
        image.draft("RGB", (PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
        image = ImageOps.exif_transpose(image)
        image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
        mode = image.mode if image.mode in (("RGB", "RGBA", "L", "LA") if is_png else ("RGB", "L")) else None
        image = image.convert(mode or ("RGBA" if is_png else "RGB"))
        # A new picture from the pixels alone: no comment, EXIF, colour profile or text chunk is copied.
        clean = Image.new(image.mode, image.size)
        clean.paste(image)
        out = io.BytesIO()
        clean.save(out, format="PNG" if is_png else "JPEG", quality=85)
    return ContentFile(out.getvalue(), name=f"photo.{'png' if is_png else 'jpg'}")


@transaction.atomic
def issue_raise(
    *,
    category: IssueCategory,
    location: str,
    description: str,
    estate: Estate | None = None,
    event: Event | None = None,
    raised_by: Resident | None = None,
    photo: UploadedFile | None = None,
    owner=None,
) -> Issue:
    """Log an issue. The owner defaults to the category's designated contact; the target date, to its timescale."""
    today = timezone.localdate()
    issue = Issue(
        category=category,
        location=location,
        description=description,
        estate=estate or (event.estate if event is not None else None),
        event=event,
        raised_by=raised_by,
        owner=owner or category.designated_contact,
        target_date=Issue.target_for(category, today),
    )
    if photo:
        cleaned = photo_clean(photo)
        issue.photo.save(cleaned.name, cleaned, save=False)
    issue.save()
    involvement_changed([issue.raised_by_id])
    return issue


@transaction.atomic
def issue_update_add(
    *, issue: Issue, text: str, status: str = "", tell_resident: bool = True, author=None
) -> IssueUpdate:
    """Add an update (and a new status, if given); the resident who raised it is told if `tell_resident`."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    update = IssueUpdate.objects.create(
        issue=issue, text=text, status=status, tell_resident=tell_resident, author=author
    )
    if status and status != issue.status:
        issue.status = status
        issue.resolved_at = timezone.now() if status not in Issue.OPEN else None
        issue.save(update_fields=["status", "resolved_at"])
    if tell_resident and issue.raised_by_id:
        message_queue(
            template="events.issue_update",
            key=f"issue-update:{update.pk}",
            resident=issue.raised_by,
            personalisation={
                "reference": issue.reference,
                "location": issue.location,
                "status": issue.get_status_display(),
                "update": text,
                "issue_url": site_url("events:issue_detail", issue.pk),
            },
        )
    return update
