"""Interest in starting a TRA: the count per estate, and the one-step invitation to a first meeting."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from engagement.models import Estate
from events.admin.forms import when_field
from tenants_associations.models import StartingInterest, TRASettings
from tenants_associations.services.meetings import MeetingDetails
from tenants_associations.services.starting import first_meeting_invite, interest_by_estate


class FirstMeetingForm(forms.Form):
    starts_at = when_field("When")
    ends_at = when_field("Until", required=False, help_text="Leave empty for 2 hours.")
    place = forms.CharField(
        max_length=150,
        help_text="For example, Whitefoot House community room. A venue of that name is used if there is one.",
    )
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Added to the invitation and the meeting's page: step-free access, refreshments, who will be there.",
    )

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at < timezone.now():
            raise forms.ValidationError("The meeting must be in the future.")
        return starts_at

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", "The meeting must end after it starts.")
        return cleaned

    def details(self) -> MeetingDetails:
        data = self.cleaned_data
        return MeetingDetails(
            starts_at=data["starts_at"], ends_at=data["ends_at"], place=data["place"], notes=data["notes"]
        )


@admin.register(StartingInterest)
class StartingInterestAdmin(admin.ModelAdmin):
    list_display = ["resident", "estate", "could_help", "registered_at", "invited_to", "withdrawn_at"]
    list_filter = [
        "estate__ward",
        ("estate", admin.RelatedOnlyFieldListFilter),
        "could_help",
        ("invited_to", admin.EmptyFieldListFilter),
        ("withdrawn_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["resident", "estate", "invited_to__tra", "invited_to__event__estate"]
    search_fields = ["resident__first_name", "resident__last_name", "estate__name"]
    autocomplete_fields = ["resident", "estate"]
    # When the resident registered is theirs: the form's date and time would also round it on every save.
    readonly_fields = ["registered_at", "invited_to"]
    change_list_template = "admin/tenants_associations/startinginterest/change_list.html"

    def get_urls(self):
        return [
            path(
                "by-estate/",
                self.admin_site.admin_view(self.by_estate_view),
                name="tenants_associations_startinginterest_by_estate",
            ),
            path(
                "by-estate/<int:estate_id>/invite/",
                self.admin_site.admin_view(self.invite_view),
                name="tenants_associations_startinginterest_invite",
            ),
            *super().get_urls(),
        ]

    def by_estate_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": "Interest in starting a TRA, by estate",
            "opts": self.model._meta,
            "rows": interest_by_estate(),
            "threshold": TRASettings.current().interest_threshold,
            "can_invite": request.user.has_perm("tenants_associations.add_trameeting"),
        }
        return TemplateResponse(request, "admin/tenants_associations/startinginterest/by_estate.html", context)

    def invite_view(self, request, estate_id):
        if not request.user.has_perm("tenants_associations.add_trameeting"):
            raise PermissionDenied
        estate = get_object_or_404(Estate, pk=estate_id)
        waiting = StartingInterest.objects.waiting().filter(estate=estate).select_related("resident")
        form = FirstMeetingForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            count = waiting.count()
            first_meeting_invite(estate=estate, details=form.details(), invited_by=request.user)
            self.message_user(
                request, f"{count} residents of {estate.name} have been invited to the first meeting.", messages.SUCCESS
            )
            return redirect("admin:tenants_associations_startinginterest_by_estate")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Invite residents of {estate.name} to a first meeting",
            "opts": self.model._meta,
            "estate": estate,
            "waiting": waiting,
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/tenants_associations/startinginterest/invite.html", context)
