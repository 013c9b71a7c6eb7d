"""Uploaded files, for staff only: the links Django admin shows next to file fields.

Nothing under MEDIA_ROOT is public. Residents get documents and photos through each
app's own views, which check who may see them; this view serves the rest to staff.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404


@staff_member_required
def staff_file(request, path: str):
    try:
        if not default_storage.exists(path):
            raise Http404("No such file")
        handle = default_storage.open(path, "rb")
    except SuspiciousFileOperation:
        raise Http404("No such file") from None
    response = FileResponse(handle, as_attachment=True, filename=path.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    return response
