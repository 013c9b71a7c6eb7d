"""Discussions: anyone can read; signed-in residents reply, report posts and (if allowed) start topics."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagement.views.residents import resident_or_none, resident_required
from surveys.forms.discussions import ReplyForm, ReportForm, TopicForm
from surveys.models import Post, Topic
from surveys.services.discussions import (
    post_reply,
    post_report,
    residents_may_start_topics,
    topic_start,
    visible_topics,
)


def topic_for(request, pk, resident=None) -> Topic:
    """A topic this person may read: open or closed ones, their own waiting one, or any for moderators."""
    topic = get_object_or_404(Topic.objects.select_related("started_by_resident", "started_by_officer"), pk=pk)
    if topic.is_visible or request.user.has_perm("surveys.change_topic"):
        return topic
    if resident is not None and topic.started_by_resident_id == resident.pk and topic.status == Topic.Status.PENDING:
        return topic
    raise Http404("No such discussion")


def topics(request):
    page = Paginator(visible_topics().select_related("started_by_resident", "started_by_officer"), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "surveys/discussions/topics.html",
        {"page": page, "topics": page.object_list, "residents_may_start": residents_may_start_topics()},
    )


def _can_post_as_staff(request) -> bool:
    return request.user.is_authenticated and request.user.is_staff and request.user.has_perm("surveys.add_post")


def topic(request, pk):
    resident = resident_or_none(request)
    topic = topic_for(request, pk, resident)
    shown = Q(status__in=[Post.Status.PUBLISHED, Post.Status.HIDDEN])
    if resident is not None:
        # Residents see their own replies that are waiting for a moderator.
        shown |= Q(status=Post.Status.PENDING, resident=resident)
    posts = topic.posts.filter(shown).select_related("resident", "officer")
    page = Paginator(posts, 50).get_page(request.GET.get("page"))
    may_reply = topic.status == Topic.Status.OPEN and (
        (resident is not None and resident.has_verified_tenancy) or _can_post_as_staff(request)
    )
    return render(
        request,
        "surveys/discussions/topic.html",
        {
            "topic": topic,
            "page": page,
            "posts": page.object_list,
            "resident": resident,
            "form": ReplyForm() if may_reply else None,
            "may_reply": may_reply,
        },
    )


def reply(request, pk):
    if _can_post_as_staff(request):
        return _reply(request, pk, officer=request.user)
    return _resident_reply(request, pk)


@resident_required(verified_tenancy=True)
def _resident_reply(request, pk, resident):
    return _reply(request, pk, resident=resident)


def _reply(request, pk, resident=None, officer=None):
    topic = topic_for(request, pk, resident)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and topic.status == Topic.Status.OPEN:
        post = post_reply(topic=topic, body=form.cleaned_data["body"], resident=resident, officer=officer)
        if post.status == Post.Status.PENDING:
            messages.success(request, _("Thank you. Your reply will appear once a moderator has checked it."))
        else:
            messages.success(request, _("Your reply has been posted."))
        return redirect(f"{topic_url(topic)}#post-{post.pk}")
    return render(request, "surveys/discussions/reply.html", {"topic": topic, "form": form})


def topic_url(topic: Topic) -> str:
    return reverse("surveys:topic", args=[topic.pk])


@resident_required(verified_tenancy=True)
def new_topic(request, resident):
    if not residents_may_start_topics():
        raise Http404("Residents cannot start discussions at the moment")
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        started = topic_start(title=form.cleaned_data["title"], body=form.cleaned_data["body"], resident=resident)
        messages.success(request, _("Thank you. Your discussion will appear once a moderator has checked it."))
        return redirect("surveys:topic", pk=started.pk)
    return render(request, "surveys/discussions/new_topic.html", {"form": form})


@resident_required
def report(request, pk, resident):
    post = get_object_or_404(
        Post.objects.select_related("topic", "resident", "officer"), pk=pk, status=Post.Status.PUBLISHED
    )
    topic_for(request, post.topic_id, resident)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        post_report(post=post, resident=resident, reason=form.cleaned_data["reason"])
        messages.success(request, _("Thank you for telling us. A moderator will look at the post."))
        return redirect(f"{topic_url(post.topic)}#post-{post.pk}")
    return render(request, "surveys/discussions/report.html", {"post": post, "form": form})
