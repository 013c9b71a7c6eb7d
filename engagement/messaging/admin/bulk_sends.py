"""Bulk sends: pick an audience, write the message, see who it reaches and how, then send and watch it go."""

import uuid

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from engagement.messaging import registry
from engagement.messaging.audience import Audience, ContactDetails
from engagement.messaging.audience_form import AudienceFields
from engagement.messaging.models import BulkSend
from engagement.messaging.services.bulk import PROGRESS_GROUPS, bulk_send_create, bulk_send_progress
from engagement.messaging.services.letters import letter_code_context
from engagement.models import Channel

# Where the residents list's "send a message" action leaves the residents an officer ticked.
CHOSEN_RESIDENTS = "bulk_send_chosen_residents"
# Seconds between refreshes of the progress page while a send is under way (no JavaScript needed).
PROGRESS_REFRESH_SECONDS = 5
# The columns of the list of sends.
_COUNTED = ("waiting", "sent", "failed")


# What an officer may write themselves: the words are theirs, so the message type must only wrap them.
OFFICERS_MESSAGE_TYPES = ("engagement.invitation", "engagement.service_notice")


def _officers_types():
    return [(t.key, f"{t.description} ({t.key})") for t in map(registry.get, OFFICERS_MESSAGE_TYPES)]


class BulkSendForm(AudienceFields, forms.Form):
    description = forms.CharField(
        label="Name of this send", max_length=250, help_text="For officers, for example “Damp and mould survey, March”."
    )
    template = forms.ChoiceField(label="Message type", choices=_officers_types)
    subject = forms.CharField(label="Subject (emails and letters)", max_length=150)
    body = forms.CharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Texts of more than 3 messages cost more: keep it short.",
    )
    link = forms.URLField(
        label="Link (optional)",
        required=False,
        assume_scheme="https",
        help_text="Where residents can find out more or take part.",
    )

    households = forms.BooleanField(
        label="Also write to every other household on the tenancy list, by letter",
        required=False,
        help_text="For consultations and service notices: each home in the estates, wards or blocks chosen that no "
        "resident above is sent it for gets a letter to the named tenant, or “The occupier”. Not with interests or "
        "“Who to include”. Letters cost money: you see how many before anything is sent.",
    )

    def clean(self):
        data = super().clean()
        narrowed = (
            data.get("interests")
            or data.get("chosen_residents")
            or data.get("contact_details", ContactDetails.ANY) != ContactDetails.ANY
        )
        if data.get("households") and narrowed:
            self.add_error(
                "households",
                "Every household means everyone in the area: choose no residents or interests, and include everyone",
            )
        return data

    def audience(self) -> Audience:
        audience = super().audience(purpose=registry.get(self.cleaned_data["template"]).purpose)
        audience.households = self.cleaned_data["households"]
        return audience

    def start_audience_from(self, query) -> None:
        super().start_audience_from(query)
        if query.get("households") == "1":
            self.fields["households"].initial = True

    def personalisation(self) -> dict:
        data = self.cleaned_data
        return {"subject": data["subject"], "body": data["body"], "link": data["link"]}


def _count(group: str):
    @admin.display(description=group, ordering=f"{group}_count")
    def count(bulk_send):
        return getattr(bulk_send, f"{group}_count")

    return count


@admin.register(BulkSend)
class BulkSendAdmin(admin.ModelAdmin):
    list_display = ["description", "template", "created_by", "created_at", "recorded", *map(_count, _COUNTED)]
    list_select_related = ["created_by"]
    search_fields = ["description"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        counts = {
            f"{group}_count": Count("messages", filter=Q(messages__status__in=PROGRESS_GROUPS[group]))
            for group in _COUNTED
        }
        return super().get_queryset(request).annotate(**counts)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BulkSendForm(request.POST or None)
        if request.method == "GET":
            # Reports link here with an audience started: e.g. ?estates=4 from an under-reached estate.
            form.start_audience_from(request.GET)
            if request.GET.get("chosen") == "residents":
                # The residents list's "send a message" action left the residents ticked there.
                chosen = request.session.get(CHOSEN_RESIDENTS, [])
                form.fields["chosen_residents"].initial = [pk for pk in chosen if isinstance(pk, int)]
        # "Change" on the check page comes back here with everything the officer wrote.
        if request.method == "POST" and "change" not in request.POST and form.is_valid():
            token = request.POST.get("form_token", "")
            if "confirm" in request.POST and token:
                earlier = BulkSend.objects.filter(form_token=token).first()
                if earlier is not None:  # "send" pressed twice
                    return redirect("admin:messaging_bulksend_change", earlier.pk)
                bulk_send = bulk_send_create(
                    audience=form.audience(),
                    template=form.cleaned_data["template"],
                    description=form.cleaned_data["description"],
                    personalisation=form.personalisation(),
                    officer=request.user,
                    form_token=token,
                )
                if bulk_send is None:
                    self.message_user(
                        request, "Nothing was sent: no one in this audience can be reached.", messages.WARNING
                    )
                    return redirect("admin:messaging_bulksend_changelist")
                self.message_user(
                    request, f"{bulk_send.recorded} messages recorded and on their way.", messages.SUCCESS
                )
                return redirect("admin:messaging_bulksend_change", bulk_send.pk)
            return self._check_page(request, form)
        return self._page(request, "write", "Send a message to residents", form=form)

    def _page(self, request, template: str, title: str, **context):
        context = {**self.admin_site.each_context(request), "title": title, "opts": self.model._meta, **context}
        return TemplateResponse(request, f"admin/messaging/bulksend/{template}.html", context)

    def _check_page(self, request, form):
        """Before anything is sent: how many residents, by which channel, and what they will read."""
        audience = form.audience()
        summary = audience.summary()
        example = {
            "first_name": "Rita",
            "site_url": "",
            "service_name": "",
            "unsubscribe_url": reverse("messaging:unsubscribe", args=["example"]),
            **form.personalisation(),
        }
        # A letter with a link shows where its code goes (each letter gets its own when it is sent).
        letter = {**example, **letter_code_context(None, example)}
        previews = {
            Channel(channel).label: registry.render(
                form.cleaned_data["template"], channel, letter if channel == Channel.POST else example
            )
            for channel in Channel.values
            if summary[channel] or (channel == Channel.POST and summary["households"])
        }
        return self._page(
            request,
            "check",
            "Check before you send",
            form=form,
            summary=summary,
            previews=previews,
            form_token=uuid.uuid4().hex,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        bulk_send = get_object_or_404(BulkSend.objects.select_related("created_by"), pk=object_id)
        if not self.has_view_permission(request, bulk_send):
            raise PermissionDenied
        progress = bulk_send_progress(bulk_send)
        return self._page(
            request,
            "progress",
            bulk_send.description,
            bulk_send=bulk_send,
            progress=progress,
            refresh_seconds=None if progress["finished"] else PROGRESS_REFRESH_SECONDS,
            outbox_url=reverse("admin:messaging_message_changelist") + f"?batch__id__exact={bulk_send.pk}",
        )
