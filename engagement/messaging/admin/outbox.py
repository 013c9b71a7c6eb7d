from django.contrib import admin, messages

from engagement.messaging import registry
from engagement.messaging.models import Councillor, DevelopmentText, Message
from engagement.messaging.services import enqueue


class TemplateFilter(admin.SimpleListFilter):
    """The registered message types, without scanning the outbox for them."""

    title = "message type"
    parameter_name = "template"

    def lookups(self, request, model_admin):
        return [(message_type.key, message_type.key) for message_type in registry.all_types()]

    def queryset(self, request, queryset):
        return queryset.filter(template=self.value()) if self.value() else queryset


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["template", "channel", "recipient", "status", "attempts", "queued_at", "sent_at", "last_error"]
    list_filter = ["status", "channel", TemplateFilter, "purpose"]
    list_select_related = ["resident"]
    search_fields = ["=idempotency_key", "to_address", "sent_to", "provider_reference", "resident__last_name"]
    readonly_fields = [field.name for field in Message._meta.fields]
    date_hierarchy = "queued_at"
    # The outbox grows large: one count per page, not two.
    show_full_result_count = False
    actions = ["resend"]

    @admin.display(description="to")
    def recipient(self, message):
        return message.resident or message.to_address

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

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
    readonly_fields = ["message", "to", "body", "sent_at"]


@admin.register(Councillor)
class CouncillorAdmin(admin.ModelAdmin):
    list_display = ["name", "ward", "email", "gets_digest"]
    list_filter = ["ward", "gets_digest"]
    list_select_related = ["ward"]
    search_fields = ["name", "email", "ward__name"]
