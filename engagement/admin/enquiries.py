from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, linebreaks

from engagement.dates import date_text
from engagement.models import ContactEnquiry, EnquiryReply, FormatRequest, InterestRegistration
from engagement.phones import display_uk_mobile
from engagement.services.enquiries import enquiry_reply
from engagement.services.format_requests import format_request_status_change


class EnquiryReplyInline(admin.TabularInline):
    model = EnquiryReply
    extra = 0
    fields = ["sent_at", "reply_by", "body", "sent_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class EnquiryReplyForm(forms.Form):
    reply = forms.CharField(widget=forms.Textarea(attrs={"rows": 8, "cols": 80}), max_length=3000)


_REPLY_HELP = {
    ContactEnquiry.ReplyBy.EMAIL: "It is emailed to {to}.",
    ContactEnquiry.ReplyBy.TEXT: "It is sent by text to {to}: keep it short (one text is 160 characters).",
    ContactEnquiry.ReplyBy.POST: "It is posted as a letter to the address below.",
    ContactEnquiry.ReplyBy.PHONE: "Phone them on {to}, then write down what you told them. Nothing is sent.",
}


@admin.register(ContactEnquiry)
class ContactEnquiryAdmin(admin.ModelAdmin):
    list_display = ["name", "reply_by", "reply_to_shown", "received_at", "status", "handled_by"]
    list_filter = ["status", "reply_by", "received_at"]
    list_select_related = ["handled_by"]
    search_fields = ["name", "email", "phone", "postal_address", "message"]
    readonly_fields = ["name", "reply_by", "reply_to_shown", "resident", "message", "received_at", "reply_link"]
    fields = [
        "name",
        "reply_by",
        "reply_to_shown",
        "resident",
        "message",
        "received_at",
        "reply_link",
        "status",
        "handled_by",
    ]
    inlines = [EnquiryReplyInline]

    def has_add_permission(self, request):
        return False

    @admin.display(description="reply to")
    def reply_to_shown(self, enquiry):
        if enquiry.reply_by == ContactEnquiry.ReplyBy.POST:
            return format_html("{}", linebreaks(enquiry.postal_address))
        if enquiry.reply_by in (ContactEnquiry.ReplyBy.TEXT, ContactEnquiry.ReplyBy.PHONE):
            return display_uk_mobile(enquiry.phone)
        return enquiry.email

    @admin.display(description="reply")
    def reply_link(self, enquiry):
        if not enquiry.pk:
            return ""
        url = reverse("admin:engagement_contactenquiry_reply", args=[enquiry.pk])
        return format_html('<a class="button" href="{}">Reply by {}</a>', url, enquiry.get_reply_by_display().lower())

    def get_urls(self):
        return [
            path(
                "<int:pk>/reply/",
                self.admin_site.admin_view(self.reply_view),
                name="engagement_contactenquiry_reply",
            ),
            *super().get_urls(),
        ]

    def reply_view(self, request, pk):
        enquiry = get_object_or_404(ContactEnquiry, pk=pk)
        if not self.has_change_permission(request, enquiry):
            raise PermissionDenied
        form = EnquiryReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            enquiry_reply(enquiry=enquiry, reply=form.cleaned_data["reply"], by=request.user)
            done = (
                "Your reply is recorded."
                if enquiry.reply_by == ContactEnquiry.ReplyBy.PHONE
                else "Your reply is on its way."
            )
            self.message_user(request, done, messages.SUCCESS)
            return redirect(reverse("admin:engagement_contactenquiry_change", args=[enquiry.pk]))
        form.fields["reply"].label = (
            "What you told them" if enquiry.reply_by == ContactEnquiry.ReplyBy.PHONE else "Your reply"
        )
        form.fields["reply"].help_text = _REPLY_HELP[enquiry.reply_by].format(to=self.reply_to_shown(enquiry))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Reply to {enquiry.name} by {enquiry.get_reply_by_display().lower()}",
            "object": enquiry,
            "form": form,
            "submit": "Record the call" if enquiry.reply_by == ContactEnquiry.ReplyBy.PHONE else "Send the reply",
            "enquiry": enquiry,
        }
        return TemplateResponse(request, "admin/engagement/contactenquiry/reply.html", context)


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


class OverdueFilter(admin.SimpleListFilter):
    """Not done and past its due date, or due in the next few days: what to work on first."""

    title = "due"
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue"), ("this_week", "Due in the next 5 days"), ("open", "Not done yet")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        open_requests = queryset.exclude(status=FormatRequest.Status.DONE)
        if self.value() == "overdue":
            return open_requests.filter(due_by__lt=today)
        if self.value() == "this_week":
            return open_requests.filter(due_by__gte=today, due_by__lte=today + timedelta(days=5))
        if self.value() == "open":
            return open_requests
        return queryset


@admin.register(FormatRequest)
class FormatRequestAdmin(admin.ModelAdmin):
    """Requests for another language or format: officers' tasks, soonest due first."""

    list_display = ["format_shown", "about", "name", "due_by_shown", "status", "assigned_to", "received_at"]
    list_filter = [OverdueFilter, "status", "format", ("assigned_to", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["assigned_to"]
    search_fields = ["name", "email", "phone", "about", "language", "details"]
    ordering = ["due_by", "pk"]
    fields = [
        "format_shown",
        "about",
        "page_link",
        "details",
        "name",
        "reply_by",
        "reply_to_shown",
        "resident",
        "received_at",
        "due_by",
        "status",
        "assigned_to",
        "done_at",
    ]
    readonly_fields = [
        "format_shown",
        "about",
        "page_link",
        "details",
        "name",
        "reply_by",
        "reply_to_shown",
        "resident",
        "received_at",
        "done_at",
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description="format", ordering="format")
    def format_shown(self, request_):
        return request_.format_text

    @admin.display(description="due by", ordering="due_by")
    def due_by_shown(self, request_):
        late = request_.status != FormatRequest.Status.DONE and request_.due_by < timezone.localdate()
        return (
            format_html("{} <strong>(overdue)</strong>", date_text(request_.due_by))
            if late
            else date_text(request_.due_by)
        )

    @admin.display(description="page")
    def page_link(self, request_):
        if not request_.page:
            return "-"
        return format_html('<a href="{}">{}</a>', request_.page, request_.page)

    @admin.display(description="reply to")
    def reply_to_shown(self, request_):
        return ContactEnquiryAdmin.reply_to_shown(self, request_)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("email")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            format_request_status_change(obj, obj.status)
        super().save_model(request, obj, form, change)
