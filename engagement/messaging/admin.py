from django.contrib import admin, messages

from engagement.messaging.models import BulkSend, DevelopmentText, LetterToPrint, Message
from engagement.messaging.services import enqueue


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["template", "channel", "recipient", "status", "attempts", "queued_at", "sent_at"]
    list_filter = ["status", "channel", "template", "purpose"]
    list_select_related = ["resident"]
    search_fields = ["idempotency_key", "to_address", "sent_to", "provider_reference", "resident__last_name"]
    readonly_fields = [field.name for field in Message._meta.fields]
    date_hierarchy = "queued_at"
    actions = ["resend"]

    @admin.display(description="to")
    def recipient(self, message):
        return message.resident or message.to_address

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Send again (failed messages only)", permissions=["view"])
    def resend(self, request, queryset):
        failed = list(
            queryset.filter(status__in=[Message.Status.FAILED, Message.Status.PERMANENTLY_FAILED]).values_list(
                "pk", flat=True
            )
        )
        Message.objects.filter(pk__in=failed).update(status=Message.Status.QUEUED, last_error="")
        for message_id in failed:
            enqueue(message_id)
        self.message_user(request, f"{len(failed)} message(s) queued to send again.", messages.SUCCESS)


@admin.register(BulkSend)
class BulkSendAdmin(admin.ModelAdmin):
    list_display = ["description", "template", "created_by", "created_at", "recorded"]
    list_select_related = ["created_by"]


@admin.register(DevelopmentText)
class DevelopmentTextAdmin(admin.ModelAdmin):
    list_display = ["to", "body", "sent_at"]
    search_fields = ["to", "body"]


@admin.register(LetterToPrint)
class LetterToPrintAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at", "printed_at"]
    list_filter = ["printed_at"]
