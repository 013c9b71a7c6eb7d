"""Discussions: starting topics, replying, reporting and moderating.

Everything is plain text. Links are shown as text until a moderator approves them, so a
post cannot lead readers to a scam site before anyone has looked at it.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from engagement.models import Resident
from engagement.services.involvement import involvement_changed
from surveys.models import Post, PostReport, Topic


def residents_may_start_topics() -> bool:
    return settings.DISCUSSIONS_RESIDENTS_MAY_START_TOPICS


def visible_topics():
    # Meta.ordering does not apply to a query with GROUP BY: order explicitly.
    return (
        Topic.objects.filter(status__in=[Topic.Status.OPEN, Topic.Status.CLOSED])
        .annotate(replies=Count("posts", filter=Q(posts__status=Post.Status.PUBLISHED)))
        .order_by("-last_post_at", "-pk")
    )


def topic_start(*, title: str, body: str, resident: Resident | None = None, officer=None, premoderated=False) -> Topic:
    """Officers' topics open at once; residents' wait for a moderator and have their replies checked."""
    if resident is not None:
        if not residents_may_start_topics():
            raise PermissionDenied("Only staff can start discussions.")
        topic = Topic.objects.create(
            title=title, body=body, started_by_resident=resident, status=Topic.Status.PENDING, is_premoderated=True
        )
        involvement_changed([resident.pk])
        return topic
    return Topic.objects.create(
        title=title,
        body=body,
        started_by_officer=officer,
        status=Topic.Status.OPEN,
        is_premoderated=premoderated,
        links_approved=True,
    )


def post_reply(*, topic: Topic, body: str, resident: Resident | None = None, officer=None) -> Post:
    if topic.status != Topic.Status.OPEN:
        raise PermissionDenied("This discussion is closed to new replies.")
    waits = resident is not None and topic.is_premoderated
    with transaction.atomic():
        post = Post.objects.create(
            topic=topic,
            resident=resident,
            officer=officer,
            body=body,
            status=Post.Status.PENDING if waits else Post.Status.PUBLISHED,
            links_approved=officer is not None,
        )
        if not waits:
            Topic.objects.filter(pk=topic.pk).update(last_post_at=post.created_at)
        involvement_changed([post.resident_id])
    return post


def post_report(*, post: Post, resident: Resident, reason: str) -> PostReport:
    return PostReport.objects.create(post=post, reported_by=resident, reason=reason)


def post_approve(*, post: Post, by, links: bool = False) -> None:
    with transaction.atomic():
        post.status = Post.Status.PUBLISHED
        post.hidden_reason = ""
        post.links_approved = post.links_approved or links
        post.moderated_by, post.moderated_at = by, timezone.now()
        post.save(update_fields=["status", "hidden_reason", "links_approved", "moderated_by", "moderated_at"])
        PostReport.objects.filter(post=post, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=by
        )
        Topic.objects.filter(pk=post.topic_id, last_post_at__lt=post.created_at).update(last_post_at=post.created_at)


def post_hide(*, post: Post, by, reason: str) -> None:
    """Hide a post, saying why: readers see the reason in its place."""
    if not reason.strip():
        raise ValueError("Say why the post is hidden.")
    with transaction.atomic():
        post.status = Post.Status.HIDDEN
        post.hidden_reason = reason.strip()
        post.moderated_by, post.moderated_at = by, timezone.now()
        post.save(update_fields=["status", "hidden_reason", "moderated_by", "moderated_at"])
        PostReport.objects.filter(post=post, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=by
        )


def topic_approve(*, topic: Topic) -> None:
    Topic.objects.filter(pk=topic.pk, status=Topic.Status.PENDING).update(status=Topic.Status.OPEN)


def topic_hide(*, topic: Topic, reason: str) -> None:
    if not reason.strip():
        raise ValueError("Say why the discussion is hidden.")
    Topic.objects.filter(pk=topic.pk).update(status=Topic.Status.HIDDEN, hidden_reason=reason.strip())
