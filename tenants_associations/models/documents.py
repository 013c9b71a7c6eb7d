"""A TRA's constitution, accounts, minutes and other documents."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from engagement.protected_files import ProtectedFileField, stored_name
from tenants_associations.documents import extension_of, validate_document
from tenants_associations.models.associations import TenantsAssociation


def document_path(document: "TRADocument", filename: str) -> str:
    # A random name: the address of one document says nothing about any other.
    return stored_name(f"tra-documents/{document.tra_id}", filename)


class TRADocument(models.Model):
    class Kind(models.TextChoices):
        CONSTITUTION = "constitution", _("Constitution")
        ACCOUNTS = "accounts", _("Accounts")
        MINUTES = "minutes", _("Minutes")
        AGM_PAPERS = "agm_papers", _("AGM papers")
        NEWSLETTER = "newsletter", _("Newsletter")
        OTHER = "other", _("Other")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Anyone")
        MEMBERS = "members", _("Members only")

    tra = models.ForeignKey(TenantsAssociation, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=150)
    file = ProtectedFileField(
        upload_to=document_path,
        max_length=200,
        validators=[validate_document],
        served_at=lambda document: reverse(
            "tenants_associations:document", kwargs={"slug": document.tra.slug, "document_id": document.pk}
        ),
    )
    original_name = models.CharField(max_length=255, blank=True)
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-uploaded_at"]
        verbose_name = "TRA document"

    def __str__(self):
        return f"{self.title} ({self.tra})"

    def save(self, *args, **kwargs):
        if not self.original_name and self.file:
            self.original_name = self.file.name.rsplit("/", 1)[-1][:255]
        super().save(*args, **kwargs)

    @property
    def extension(self) -> str:
        return extension_of(self.original_name or self.file.name).upper()
