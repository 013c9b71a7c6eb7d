from django.contrib import admin, messages
from django.utils.html import format_html, urlize
from django.utils.safestring import mark_safe

from engagement.messaging import registry
from engagement.messaging.models import Councillor, DevelopmentText, LetterToPrint, Message
from engagement.messaging.services import enqueue
from engagement.models import Channel

# How the message reads, shown first; the outbox's own record of it below, folded away.
_DETAILS = [
    name
    for name in (field.name for field in Message._meta.fields)
    if name not in ("id", "personalisation", "channel", "template", "status", "sent_to")
]


def _words(text: str):
    # Links stay clickable, so an officer can follow a resident's survey link from the text they got.
    return format_html(
        '<div style="white-space: pre-wrap; max-width: 40em">{}</div>', mark_safe(urlize(text, autoescape=True))
    )


def as_received(message: Message) -> str:
    """The words the resident got, as they got them: the stored text or letter, else the email as rendered."""
    if message.channel == Channel.TEXT:
        text = DevelopmentText.objects.filter(message=message).first()
        if text is not None:
            return text.body
    if message.channel == Channel.POST:
        letter = LetterToPrint.objects.filter(message=message).first()
        if letter is None:
            return "The letter is written when it is sent, with its short code: it has not been sent yet."
        return "\n".join([*letter.address_lines, "", letter.body])
    from engagement.messaging.services.delivery import render_message

    try:
        rendered = render_message(message)
    except LookupError:  # a kind of message the portal no longer sends
        return f"The portal no longer sends {message.template} messages, so their words cannot be shown again."
    return f"Subject: {rendered.subject}\n\n{rendered.body}" if message.channel == Channel.EMAIL else rendered.body


class ViewOnlyAdmin(admin.ModelAdmin):
    """What the portal records itself: officers read it here, and never add, change or delete it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TemplateFilter(admin.SimpleListFilter):
    """The registered message types, without scanning the outbox for them."""

    title = "message type"
    parameter_name = "template"

    def lookups(self, request, model_admin):
        return [(message_type.key, message_type.key) for message_type in registry.all_types()]

    def queryset(self, request, queryset):
        return queryset.filter(template=self.value()) if self.value() else queryset


@admin.register(Message)
class MessageAdmin(ViewOnlyAdmin):
    list_display = ["template", "channel", "recipient", "status", "attempts", "queued_at", "sent_at", "last_error"]
    list_filter = ["status", "channel", TemplateFilter, "purpose"]
    list_select_related = ["resident"]
    search_fields = ["=idempotency_key", "to_address", "sent_to", "provider_reference", "resident__last_name"]
    readonly_fields = ["what_they_read", *(field.name for field in Message._meta.fields)]
    fieldsets = [
        (None, {"fields": ["what_they_read", "channel", "sent_to", "template", "status"]}),
        ("How it was sent", {"classes": ["collapse"], "fields": [*_DETAILS, "personalisation"]}),
    ]
    date_hierarchy = "queued_at"
    # The outbox grows large: one count per page, not two.
    show_full_result_count = False
    actions = ["resend"]

    @admin.display(description="to")
    def recipient(self, message):
        return message.resident or message.to_address

    @admin.display(description="what they read")
    def what_they_read(self, message):
        return _words(as_received(message))

    @admin.action(description="Send again (failed messages only)", permissions=["view"])
    def resend(self, request, queryset):
        failed = list(
            queryset.filter(status__in=[Message.Status.FAILED, Message.Status.PERMANENTLY_FAILED]).values_list(
                "pk", flat=True
            )
        )
        # A fresh start: an earlier try that may have reached the provider is still checked first.
        Message.objects.filter(pk__in=failed).update(
            status=Message.Status.QUEUED, last_error="", attempts=0, send_after=None, enqueued_at=None
        )
        enqueue(failed)
        self.message_user(request, f"{len(failed)} message(s) queued to send again.", messages.SUCCESS)


@admin.register(DevelopmentText)
class DevelopmentTextAdmin(admin.ModelAdmin):
    """Texts the development channel would have sent, for developers and testers to read."""

    list_display = ["to", "body", "sent_at"]
    search_fields = ["to", "body"]
    readonly_fields = ["message", "to", "text", "sent_at"]
    fields = readonly_fields

    @admin.display(description="text")
    def text(self, development_text):
        return _words(development_text.body)


@admin.register(Councillor)
class CouncillorAdmin(admin.ModelAdmin):
    list_display = ["name", "ward", "email", "gets_digest"]
    list_filter = ["ward", "gets_digest"]
    list_select_related = ["ward"]
    search_fields = ["name", "email", "ward__name"]
