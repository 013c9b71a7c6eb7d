"""Moderation: approve, hide with a reason, approve links, close discussions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Count, Q
from django.template.response import TemplateResponse

from surveys.models import Post, PostReport, Topic
from surveys.services.discussions import post_approve, post_hide, topic_approve, topic_hide


class HideForm(forms.Form):
    reason = forms.CharField(
        max_length=300,
        help_text="Readers see this in place of the post, for example “Removed: it named a member of staff (house rule 4)”.",
        widget=forms.TextInput(attrs={"size": 80}),
    )


def _hide_with_reason(modeladmin, request, queryset, hide, what):
    """An action that asks for the reason on a second page before hiding."""
    form = HideForm(request.POST if "reason" in request.POST else None)
    if form.is_bound and form.is_valid():
        for item in queryset:
            hide(item, form.cleaned_data["reason"])
        modeladmin.message_user(request, f"{queryset.count()} {what} hidden.", messages.SUCCESS)
        return None
    return TemplateResponse(
        request,
        "admin/surveys/hide_with_reason.html",
        {
            **modeladmin.admin_site.each_context(request),
            "opts": modeladmin.model._meta,
            "form": form,
            "items": queryset,
            "action": request.POST.get("action"),
            "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
            "what": what,
        },
    )


class PostReportInline(admin.TabularInline):
    model = PostReport
    extra = 0
    fields = ["created_at", "reported_by", "reason", "resolved_at", "resolved_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class OpenReportsFilter(admin.SimpleListFilter):
    title = "reports"
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("yes", "Reported, not yet dealt with")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(open_reports__gt=0)
        return queryset


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "topic", "author", "status", "open_reports", "links_approved", "created_at"]
    list_filter = ["status", OpenReportsFilter, "links_approved", "topic"]
    list_select_related = ["topic", "resident", "officer"]
    search_fields = ["body", "topic__title", "resident__first_name", "resident__last_name"]
    fields = [
        "topic",
        "author",
        "body",
        "status",
        "hidden_reason",
        "links_approved",
        "moderated_by",
        "moderated_at",
        "created_at",
    ]
    readonly_fields = [
        "topic",
        "author",
        "body",
        "status",
        "hidden_reason",
        "moderated_by",
        "moderated_at",
        "created_at",
    ]
    inlines = [PostReportInline]
    actions = ["approve", "approve_with_links", "hide"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        )

    @admin.display(description="reports", ordering="open_reports")
    def open_reports(self, post):
        return post.open_reports

    @admin.display(description="post")
    def excerpt(self, post):
        return post.body if len(post.body) <= 80 else post.body[:80] + "…"

    @admin.display(description="by")
    def author(self, post):
        return post.author_name

    def has_add_permission(self, request):
        return False

    @admin.action(description="Approve (links stay as text)", permissions=["change"])
    def approve(self, request, queryset):
        for post in queryset:
            post_approve(post=post, by=request.user)
        self.message_user(request, f"{queryset.count()} approved.", messages.SUCCESS)

    @admin.action(description="Approve, with clickable links", permissions=["change"])
    def approve_with_links(self, request, queryset):
        for post in queryset:
            post_approve(post=post, by=request.user, links=True)
        self.message_user(request, f"{queryset.count()} approved with their links.", messages.SUCCESS)

    @admin.action(description="Hide, with a reason", permissions=["change"])
    def hide(self, request, queryset):
        return _hide_with_reason(
            self, request, queryset, lambda post, reason: post_hide(post=post, by=request.user, reason=reason), "posts"
        )


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "status",
        "is_premoderated",
        "started_by",
        "published_replies",
        "waiting_replies",
        "last_post_at",
    ]
    list_filter = ["status", "is_premoderated"]
    list_select_related = ["started_by_resident", "started_by_officer"]
    search_fields = ["title", "body"]
    fields = [
        "title",
        "body",
        "status",
        "is_premoderated",
        "links_approved",
        "hidden_reason",
        "started_by",
        "created_at",
    ]
    readonly_fields = ["started_by", "created_at", "hidden_reason"]
    actions = ["approve", "close", "reopen", "hide"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                published=Count("posts", filter=Q(posts__status=Post.Status.PUBLISHED)),
                waiting=Count("posts", filter=Q(posts__status=Post.Status.PENDING)),
            )
        )

    @admin.display(description="replies", ordering="published")
    def published_replies(self, topic):
        return topic.published

    @admin.display(description="waiting for a moderator", ordering="waiting")
    def waiting_replies(self, topic):
        return topic.waiting

    @admin.display(description="started by")
    def started_by(self, topic):
        return topic.author_name

    def save_model(self, request, obj, form, change):
        if not change:
            obj.started_by_officer = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Approve (residents' new discussions)", permissions=["change"])
    def approve(self, request, queryset):
        for topic in queryset:
            topic_approve(topic=topic)
        self.message_user(request, "Approved.", messages.SUCCESS)

    @admin.action(description="Close to new replies", permissions=["change"])
    def close(self, request, queryset):
        queryset.filter(status=Topic.Status.OPEN).update(status=Topic.Status.CLOSED)

    @admin.action(description="Open for replies again", permissions=["change"])
    def reopen(self, request, queryset):
        queryset.filter(status=Topic.Status.CLOSED).update(status=Topic.Status.OPEN)

    @admin.action(description="Hide, with a reason", permissions=["change"])
    def hide(self, request, queryset):
        return _hide_with_reason(
            self, request, queryset, lambda topic, reason: topic_hide(topic=topic, reason=reason), "discussions"
        )
