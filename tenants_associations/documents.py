"""What a TRA may upload: PDF and Office documents, checked by their contents as well as their name."""

import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

_PDF = b"%PDF-"
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97–2003 (.doc, .xls, .ppt)

# extension -> (content type, how the file must start)
DOCUMENT_TYPES = {
    "pdf": ("application/pdf", _PDF),
    "doc": ("application/msword", _OLE),
    "xls": ("application/vnd.ms-excel", _OLE),
    "ppt": ("application/vnd.ms-powerpoint", _OLE),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", _ZIP),
    "odt": ("application/vnd.oasis.opendocument.text", _ZIP),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
    "odp": ("application/vnd.oasis.opendocument.presentation", _ZIP),
}

WRONG_TYPE = "The selected file must be a PDF, Word, Excel, PowerPoint or OpenDocument file"


def size_in_words(size: int) -> str:
    """10MB, as GOV.UK writes file sizes (smaller sizes as Django words them)."""
    megabyte = 1024 * 1024
    return f"{size // megabyte}MB" if size % megabyte == 0 else filesizeformat(size)


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def content_type_for(name: str) -> str:
    return DOCUMENT_TYPES.get(extension_of(name), ("application/octet-stream", b""))[0]


def validate_document(upload) -> None:
    """Refuse files that are too big, or are not the PDF or Office document their name says."""
    if upload.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            f"The selected file must be smaller than {size_in_words(MAX_DOCUMENT_BYTES)}", code="too_big"
        )
    extension = extension_of(upload.name)
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(WRONG_TYPE, code="wrong_type")
    _, magic = DOCUMENT_TYPES[extension]
    upload.seek(0)
    start = upload.read(len(magic))
    upload.seek(0)
    if start != magic or (magic == _ZIP and not _is_office_zip(upload, extension)):
        raise ValidationError(WRONG_TYPE, code="wrong_type")


def _is_office_zip(upload, extension: str) -> bool:
    """OOXML files hold [Content_Types].xml; OpenDocument files a `mimetype` entry."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)
    return ("mimetype" in names) if extension.startswith("od") else ("[Content_Types].xml" in names)
