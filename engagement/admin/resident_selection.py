"""Select and act on the residents list: after filtering (estate, tenure, interest, access need…) and
ticking, start a bulk send to those residents (its check page counts them by channel before anything
goes), or download them as a spreadsheet."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from engagement.exports import csv_response
from engagement.messaging.admin.bulk_sends import CHOSEN_RESIDENTS
from engagement.services.resident_export import resident_rows

# A bulk send to more than this is better aimed with the audience picker's estates and interests.
MOST_CHOSEN = 20_000


class ResidentSelectionActions:
    """Mixed into ResidentAdmin."""

    @admin.action(description="Send a message to the selected residents", permissions=["view"])
    def send_message_to_selected(self, request, queryset):
        if not request.user.has_perm("messaging.add_bulksend"):
            self.message_user(request, "You cannot send messages to residents.", messages.ERROR)
            return None
        chosen = list(queryset.order_by().values_list("pk", flat=True)[: MOST_CHOSEN + 1])
        if len(chosen) > MOST_CHOSEN:
            self.message_user(
                request,
                f"That is more than {MOST_CHOSEN:,} residents: send to them by estate, ward or interest instead.",
                messages.ERROR,
            )
            return None
        request.session[CHOSEN_RESIDENTS] = chosen
        return redirect(reverse("admin:messaging_bulksend_add") + "?chosen=residents")

    @admin.action(description="Download the selected residents (CSV)", permissions=["view"])
    def export_selected(self, request, queryset):
        stamp = timezone.localdate().isoformat()
        return csv_response(resident_rows(queryset), f"residents-{stamp}.csv")
