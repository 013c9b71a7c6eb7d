"""Uploaded documents (terms of reference, minutes, TRA constitutions): PDF and Office files only.

The extension is only a claim. We read the start of the file (and, for the zip-based
Office formats, the list of parts inside) to check the content is what the name says,
so a renamed executable or web page cannot be published as "minutes.pdf". Each app sets
its own size limit with `validate_document(file, max_bytes=…)`.
"""

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of the old .doc, .xls and .ppt formats


@dataclass(frozen=True)
class DocumentType:
    extension: str
    content_type: str
    description: str


TYPES = {
    t.extension: t
    for t in (
        DocumentType("pdf", "application/pdf", "PDF"),
        DocumentType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
        DocumentType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
        DocumentType("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint"),
        DocumentType("doc", "application/msword", "Word"),
        DocumentType("xls", "application/vnd.ms-excel", "Excel"),
        DocumentType("ppt", "application/vnd.ms-powerpoint", "PowerPoint"),
        DocumentType("odt", "application/vnd.oasis.opendocument.text", "OpenDocument text"),
        DocumentType("ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument spreadsheet"),
        DocumentType("odp", "application/vnd.oasis.opendocument.presentation", "OpenDocument presentation"),
    )
}
# The folder every Office Open XML file of each kind keeps its content in.
_OOXML_FOLDER = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}

ALLOWED_DESCRIPTION = "a PDF, Word, Excel, PowerPoint or OpenDocument file"


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def document_type(name: str) -> DocumentType | None:
    return TYPES.get(extension_of(name))


def content_type_for(name: str) -> str:
    found = document_type(name)
    return found.content_type if found else "application/octet-stream"


def size_in_words(size: int) -> str:
    """10MB, as GOV.UK writes file sizes (other sizes as Django words them)."""
    megabyte = 1024 * 1024
    return f"{size // megabyte}MB" if size % megabyte == 0 else filesizeformat(size)


def _content_matches(extension: str, file) -> bool:
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in ("doc", "xls", "ppt"):
        return head == _OLE2
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if extension in _OOXML_FOLDER:
                return "[Content_Types].xml" in names and any(n.startswith(_OOXML_FOLDER[extension]) for n in names)
            # OpenDocument files name their own type in a small "mimetype" part.
            if "mimetype" not in names or archive.getinfo("mimetype").file_size > 100:
                return False
            return archive.read("mimetype").decode("ascii", "replace").strip() == TYPES[extension].content_type
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    finally:
        file.seek(0)


def _has_macros(extension: str, file) -> bool:
    if extension not in _OOXML_FOLDER:
        return False
    try:
        with zipfile.ZipFile(file) as archive:
            return any(name.lower().endswith("vbaproject.bin") for name in archive.namelist())
    except zipfile.BadZipFile:
        return False
    finally:
        file.seek(0)


def validate_document(file, *, max_bytes: int) -> None:
    """An allowed type, not empty, not too big, content matching the extension, no macros."""
    if file.size == 0:
        raise ValidationError(_("The selected file is empty"), code="empty")
    if file.size > max_bytes:
        raise ValidationError(
            _("The selected file must be smaller than %(size)s") % {"size": size_in_words(max_bytes)}, code="too_big"
        )
    extension = extension_of(file.name)
    if extension not in TYPES:
        raise ValidationError(_("The selected file must be %(kinds)s") % {"kinds": ALLOWED_DESCRIPTION}, code="type")
    if not _content_matches(extension, file):
        raise ValidationError(
            f"The contents of the selected file do not match its type (.{extension}). "
            "Save it again from the program that made it and upload that",
            code="content",
        )
    if _has_macros(extension, file):
        raise ValidationError(
            _("The selected file contains macros. Save it without macros and try again"), code="macros"
        )
