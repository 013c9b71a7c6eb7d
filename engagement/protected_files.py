"""Uploaded files: served only by the view of the object they belong to, which checks who may see it.

Nothing under MEDIA_ROOT has an address of its own. A file field declared as ProtectedFileField
or ProtectedImageField takes `served_at`, the address of its object's view, and its `.url` is
that address: Django admin's "Currently:" links and our templates lead there, never to storage.
Every such view sends the file with `protected_file_response`; stored names are random
(`stored_name`), so one file's name says nothing about another's.
"""

import mimetypes
import uuid
from collections.abc import Callable

from django.core.exceptions import SuspiciousFileOperation
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.http import FileResponse, Http404

from engagement.documents import document_type, extension_of

# Opened in the browser rather than downloaded: PDFs, and photos we re-encoded ourselves.
_SHOWN_IN_BROWSER = {"pdf", "jpg", "jpeg", "png"}


def stored_name(folder: str, filename: str) -> str:
    """A random name in `folder` keeping only the upload's extension."""
    extension = extension_of(filename)
    return f"{folder}/{uuid.uuid4().hex}{'.' + extension if extension else ''}"


class _ServedByItsObject:
    @property
    def url(self) -> str:
        self._require_file()
        return self.field.served_at(self.instance)


class ProtectedFieldFile(_ServedByItsObject, FieldFile):
    pass


class ProtectedImageFieldFile(_ServedByItsObject, ImageFieldFile):
    pass


class ProtectedFileField(models.FileField):
    """A FileField whose `.url` is its object's view (`served_at(instance)`), never the storage's."""

    attr_class = ProtectedFieldFile

    def __init__(self, *args, served_at: Callable[[models.Model], str] | None = None, **kwargs):
        # Not part of the schema: left out of migrations (deconstruct does not know it).
        self.served_at = served_at
        super().__init__(*args, **kwargs)


class ProtectedImageField(models.ImageField):
    attr_class = ProtectedImageFieldFile

    def __init__(self, *args, served_at: Callable[[models.Model], str] | None = None, **kwargs):
        self.served_at = served_at
        super().__init__(*args, **kwargs)


def _content_type(name: str) -> str:
    known = document_type(name)
    if known:
        return known.content_type
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def protected_file_response(file: FieldFile, *, filename: str, public: bool = False) -> FileResponse:
    """Send an uploaded file its view has allowed: 404 if there is none or it is missing from storage.

    Only the browser may keep a copy (`private`); files that are not public are not kept at all.
    """
    if not file:
        raise Http404("There is no file")
    try:
        handle = file.storage.open(file.name, "rb")
    except (FileNotFoundError, SuspiciousFileOperation):
        raise Http404("The file is missing") from None
    response = FileResponse(
        handle,
        as_attachment=extension_of(file.name) not in _SHOWN_IN_BROWSER,
        filename=filename,
        content_type=_content_type(file.name),
    )
    response["Cache-Control"] = "private" if public else "private, no-store"
    return response
