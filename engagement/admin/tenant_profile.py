"""The tenant-base profile the reach report sets the diversity of those involved against."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from engagement.models import TenantProfileFigure
from engagement.models.equality import Characteristic, answers_to
from engagement.services.tenant_profile import COLUMNS, tenant_profile_import


class TenantProfileFigureForm(forms.ModelForm):
    # Every question's answers, grouped under the question: the model checks the answer fits it.
    answer = forms.ChoiceField(
        choices=[(label, answers_to(value)) for value, label in Characteristic.choices],
        help_text="One of the answers to the question chosen above.",
    )

    class Meta:
        model = TenantProfileFigure
        fields = ["characteristic", "answer", "people"]


class TenantProfileFileForm(forms.Form):
    file = forms.FileField(label="Tenant-base profile (CSV)")


@admin.register(TenantProfileFigure)
class TenantProfileFigureAdmin(admin.ModelAdmin):
    form = TenantProfileFigureForm
    list_display = ["characteristic", "answer_label", "people", "updated_at"]
    list_filter = ["characteristic"]
    change_list_template = "admin/engagement/tenantprofilefigure/change_list.html"

    @admin.display(description="answer")
    def answer_label(self, figure):
        return figure.answer_label

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="engagement_tenantprofilefigure_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Every row is checked first; with any error nothing changes, and each error names its line."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = TenantProfileFileForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            result = tenant_profile_import(form.cleaned_data["file"])
            if not result.error_count:
                names = ", ".join(str(Characteristic(value).label) for value in result.characteristics)
                self.message_user(request, f"{result.figures} figures imported for: {names}.", messages.SUCCESS)
                return redirect("admin:engagement_tenantprofilefigure_changelist")
            more = result.error_count - len(result.errors)
            form.add_error(
                "file",
                [
                    "Nothing was imported. Correct these and upload the file again:",
                    *result.errors,
                    *([f"and {more} more"] if more else []),
                ],
            )
        context = {
            **self.admin_site.each_context(request),
            "title": "Import a tenant-base profile",
            "form": form,
            "columns": COLUMNS,
            "opts": self.model._meta,
            "changelist_url": reverse("admin:engagement_tenantprofilefigure_changelist"),
        }
        return TemplateResponse(request, "admin/engagement/tenantprofilefigure/import.html", context)
