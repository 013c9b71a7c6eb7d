from django.contrib import admin, messages
from django.db import models

from engagement.admin.actions import ChangePageActions
from surveys.models import YouSaidWeDid
from surveys.services.feedback import you_said_we_did_publish, you_said_we_did_unpublish


@admin.register(YouSaidWeDid)
class YouSaidWeDidAdmin(ChangePageActions, admin.ModelAdmin):
    list_display = ["title", "source", "published_at", "participants_told_at"]
    list_filter = [("published_at", admin.EmptyFieldListFilter), "survey"]
    list_select_related = ["survey"]
    search_fields = ["title", "you_said", "we_did", "source_title", "survey__title"]
    autocomplete_fields = ["survey"]
    fields = [
        "title",
        "survey",
        "source_title",
        "you_said",
        "we_did",
        "link_url",
        "link_text",
        "published_at",
        "participants_told_at",
    ]
    readonly_fields = ["published_at", "participants_told_at"]
    # A link typed without its scheme is a web page's: https, as everywhere else in the portal.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["publish", "unpublish"]
    change_actions = {"publish": "Publish and tell everyone who took part", "unpublish": "Take off the public page"}

    def change_actions_for(self, request, obj):
        return ["unpublish"] if obj.published_at else ["publish"]

    @admin.display(description="from")
    def source(self, entry):
        return entry.source

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish, and tell everyone who took part", permissions=["change"])
    def publish(self, request, queryset):
        for entry in queryset:
            you_said_we_did_publish(entry=entry)
        self.message_user(
            request,
            f"{queryset.count()} published. Everyone who took part is being told (once each).",
            messages.SUCCESS,
        )

    @admin.action(description="Take off the public page", permissions=["change"])
    def unpublish(self, request, queryset):
        for entry in queryset:
            you_said_we_did_unpublish(entry=entry)
        self.message_user(request, f"{queryset.count()} taken off the public page.", messages.SUCCESS)
