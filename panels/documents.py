"""Panel documents (terms of reference, meeting papers): the shared document checks, with the panels' size limit."""

from django.conf import settings

from engagement.documents import document_type, extension_of
from engagement.documents import validate_document as validate_any_document

__all__ = ["document_type", "extension_of", "validate_document"]


def validate_document(file) -> None:
    validate_any_document(file, max_bytes=settings.PANELS_DOCUMENT_MAX_BYTES)
