from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, linebreaks

from engagement.models import ContactEnquiry, EnquiryReply, InterestRegistration
from engagement.phones import display_uk_mobile
from engagement.services.enquiries import enquiry_reply


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
