"""The print room: letters waiting, made into a batch, downloaded as one PDF, and marked printed."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path

from engagement.messaging.admin.outbox import ViewOnlyAdmin
from engagement.messaging.models import LetterToPrint, PrintBatch
from engagement.messaging.services.letters import print_batch_create, print_batch_mark_printed, print_batch_pdf


# Letters are written by the outbox and batched from the print batches page: officers only read them here.
@admin.register(LetterToPrint)
class LetterToPrintAdmin(ViewOnlyAdmin):
    list_display = ["__str__", "created_at", "large_print", "print_batch", "printed_at"]
    list_filter = [
        ("print_batch", admin.EmptyFieldListFilter),
        ("printed_at", admin.EmptyFieldListFilter),
        "large_print",
    ]
    list_select_related = ["print_batch"]


@admin.register(PrintBatch)
class PrintBatchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "letter_count", "created_by", "printed_at", "printed_by"]
    list_select_related = ["created_by", "printed_by"]
    readonly_fields = ["created_at", "created_by", "printed_at", "printed_by"]
    change_list_template = "admin/messaging/printbatch/change_list.html"
    change_form_template = "admin/messaging/printbatch/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(letters_count=Count("letters"))

    @admin.display(description="letters", ordering="letters_count")
    def letter_count(self, batch):
        return batch.letters_count

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        waiting = LetterToPrint.objects.filter(print_batch__isnull=True).count()
        return super().changelist_view(request, {**(extra_context or {}), "letters_waiting": waiting})

    def get_urls(self):
        return [
            path("next/", self.admin_site.admin_view(self.make_next_batch), name="messaging_printbatch_next"),
            path(
                "<int:batch_id>/letters.pdf", self.admin_site.admin_view(self.download), name="messaging_printbatch_pdf"
            ),
            path(
                "<int:batch_id>/printed/",
                self.admin_site.admin_view(self.mark_printed),
                name="messaging_printbatch_printed",
            ),
            *super().get_urls(),
        ]

    def _may_print(self, request):
        return request.user.has_perm("messaging.change_printbatch")

    def make_next_batch(self, request):
        if request.method != "POST" or not self._may_print(request):
            return redirect("admin:messaging_printbatch_changelist")
        batch = print_batch_create(officer=request.user)
        if batch is None:
            self.message_user(request, "There are no letters waiting to be printed.", messages.INFO)
            return redirect("admin:messaging_printbatch_changelist")
        return redirect("admin:messaging_printbatch_change", batch.pk)

    def download(self, request, batch_id):
        batch = get_object_or_404(PrintBatch, pk=batch_id)
        if not self.has_view_permission(request, batch):
            raise PermissionDenied
        response = HttpResponse(print_batch_pdf(batch), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="print-batch-{batch.pk}.pdf"'
        return response

    def mark_printed(self, request, batch_id):
        batch = get_object_or_404(PrintBatch, pk=batch_id)
        if request.method == "POST" and self._may_print(request):
            count = print_batch_mark_printed(batch=batch, officer=request.user)
            self.message_user(request, f"{count} letter(s) marked as printed.", messages.SUCCESS)
        return redirect("admin:messaging_printbatch_change", batch.pk)
