from django.contrib import admin

from engagement.models import ContactEnquiry, InterestRegistration


@admin.register(ContactEnquiry)
class ContactEnquiryAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "received_at", "status", "handled_by"]
    list_filter = ["status", "received_at"]
    list_select_related = ["handled_by"]
    search_fields = ["name", "email", "message"]
    readonly_fields = ["name", "email", "resident", "message", "received_at"]
    fields = ["name", "email", "resident", "message", "received_at", "status", "handled_by"]

    def has_add_permission(self, request):
        return False


@admin.register(InterestRegistration)
class InterestRegistrationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "email",
        "estate",
        "interest_list",
        "consent_email",
        "consent_text",
        "received_at",
        "merged_into",
    ]
    list_filter = ["interests", "consent_email", "consent_text", "estate__ward", "estate"]
    list_select_related = ["estate", "merged_into"]
    search_fields = ["name", "email", "mobile"]
    readonly_fields = ["received_at", "merged_into", "merged_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("interests")

    @admin.display(description="interests")
    def interest_list(self, registration):
        return ", ".join(interest.label for interest in registration.interests.all())
