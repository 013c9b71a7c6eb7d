"""Ballot documents (the landlord offer, the residents' charter): the shared checks, with the panels' size limit."""

from django.conf import settings

from engagement.documents import validate_document as validate_any_document


def validate_document(file) -> None:
    validate_any_document(file, max_bytes=settings.PANELS_DOCUMENT_MAX_BYTES)
