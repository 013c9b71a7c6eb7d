"""Memberships, messages to committees and notices, in admin."""

from django.contrib import admin, messages

from engagement.admin.actions import for_each_row
from tenants_associations.models import Enquiry, Membership, Notice
from tenants_associations.services.membership import MembershipRefused, membership_accept, membership_decline


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["resident", "tra", "status", "requested_at", "decided_at", "is_representative"]
    list_filter = ["status", "is_representative", "tra__ward", ("tra", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["resident", "tra"]
    search_fields = ["resident__first_name", "resident__last_name", "tra__name"]
    autocomplete_fields = ["resident", "tra"]
    readonly_fields = ["requested_at", "decided_at", "decided_by", "left_at", "decline_reason"]
    actions = ["accept", "decline"]

    def get_readonly_fields(self, request, obj=None):
        # Requests are answered with the actions, so the resident hears about it.
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "status", "tra", "resident"] if obj else fields

    @admin.action(description="Accept the selected requests (tells each resident)", permissions=["change"])
    def accept(self, request, queryset):
        self._decide(
            request, queryset, lambda membership: membership_accept(membership=membership, decided_by=request.user)
        )

    @admin.action(description="Decline the selected requests (tells each resident)", permissions=["change"])
    def decline(self, request, queryset):
        self._decide(
            request, queryset, lambda membership: membership_decline(membership=membership, decided_by=request.user)
        )

    def _decide(self, request, queryset, decide):
        for_each_row(
            self,
            request,
            queryset.filter(status=Membership.Status.REQUESTED),
            decide,
            refused=MembershipRefused,
            refused_level=messages.WARNING,
            done="{count} request(s) answered.",
        )


class _ReadOnly(admin.ModelAdmin):
    """A record of what was sent. Nobody edits it after the fact."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Enquiry)
class EnquiryAdmin(_ReadOnly):
    list_display = ["received_at", "tra", "name", "email", "forwarded_to"]
    list_filter = ["tra__ward"]
    list_select_related = ["tra"]
    search_fields = ["name", "email", "tra__name"]


@admin.register(Notice)
class NoticeAdmin(_ReadOnly):
    list_display = ["sent_at", "tra", "subject", "sent_by", "to_membership", "recipients"]
    list_select_related = ["tra", "sent_by", "to_membership__resident", "to_membership__tra"]
    search_fields = ["subject", "tra__name"]
