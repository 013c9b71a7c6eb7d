"""What a TRA may upload: the shared document checks (PDF and Office files, by content), up to 10MB."""

from engagement.documents import extension_of, size_in_words
from engagement.documents import validate_document as validate_any_document

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

__all__ = ["MAX_DOCUMENT_BYTES", "extension_of", "size_in_words", "validate_document"]


def validate_document(upload) -> None:
    validate_any_document(upload, max_bytes=MAX_DOCUMENT_BYTES)
