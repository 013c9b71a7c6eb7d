"""Who was invited to which survey, and whether they answered: never their link or what they said."""

from django.contrib import admin

from engagement.admin.filters import estate_filter, tenure_filter, ward_filter
from surveys.models import Invitation


class AnsweredFilter(admin.SimpleListFilter):
    title = "answered"
    parameter_name = "answered"

    def lookups(self, request, model_admin):
        return [("yes", "Answered"), ("no", "Not answered")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(response__submitted_at__isnull=False)
        if self.value() == "no":
            return queryset.exclude(response__submitted_at__isnull=False)
        return queryset


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["resident", "survey", "channel", "estate", "invited_at", "reminded_at", "answered"]
    list_filter = [AnsweredFilter, "survey", "channel", estate_filter(""), ward_filter(""), tenure_filter("")]
    list_select_related = ["resident", "survey", "response", "estate"]
    search_fields = ["resident__first_name", "resident__last_name", "resident__email", "survey__title"]
    # The token is the resident's key to their answers (a letter's code leads to it): officers never see either.
    fields = [
        "survey",
        "resident",
        "channel",
        "estate",
        "tenure_type",
        "invited_at",
        "invited_by",
        "reminded_at",
        "answered",
    ]
    readonly_fields = fields
    date_hierarchy = "invited_at"

    @admin.display(boolean=True)
    def answered(self, invitation):
        return bool(invitation.response_id and invitation.response.submitted_at)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
