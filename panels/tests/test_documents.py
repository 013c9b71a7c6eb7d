"""Uploaded papers and terms of reference: PDF or Office files only, checked by their content."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from panels.documents import validate_document
from panels.models import MeetingDocument
from panels.tests.factories import (
    PanelFactory,
    PanelMeetingFactory,
    admin_when_and_where,
    office_bytes,
    opendocument_bytes,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _error(name: str, content: bytes) -> str | None:
    try:
        validate_document(SimpleUploadedFile(name, content))
    except ValidationError as error:
        return error.messages[0]
    return None


@pytest.mark.parametrize(
    "name, content",
    [
        ("minutes.pdf", pdf_bytes()),
        ("agenda.docx", office_bytes("word/")),
        ("figures.xlsx", office_bytes("xl/")),
        ("slides.pptx", office_bytes("ppt/")),
        ("old-minutes.doc", OLE2),
        ("old-figures.xls", OLE2),
        ("minutes.odt", opendocument_bytes("application/vnd.oasis.opendocument.text")),
        ("MINUTES.PDF", pdf_bytes()),
    ],
)
def test_pdf_and_office_files_are_accepted(name, content):
    assert _error(name, content) is None


def test_a_file_that_is_not_what_its_name_says_is_refused():
    assert _error("minutes.pdf", b"MZ\x90\x00 this is a Windows program") == (
        "The contents of the selected file do not match its type (.pdf). "
        "Save it again from the program that made it and upload that"
    )
    assert "(.docx)" in _error("agenda.docx", b"<html><script>alert(1)</script></html>")
    assert "(.docx)" in _error("agenda.docx", office_bytes("xl/"))
    assert "(.xls)" in _error("figures.xls", pdf_bytes())
    assert "(.odt)" in _error("minutes.odt", opendocument_bytes("application/vnd.oasis.opendocument.spreadsheet"))


def test_other_kinds_of_file_are_refused_whatever_they_contain():
    assert _error("report.html", b"<html></html>") == (
        "The selected file must be a PDF, Word, Excel, PowerPoint or OpenDocument file"
    )
    assert _error("report.exe", pdf_bytes()) is not None
    assert _error("report", pdf_bytes()) is not None
    assert _error("macro.docm", office_bytes("word/")) is not None


def test_office_files_with_macros_are_refused():
    assert _error("agenda.docx", office_bytes("word/", macros=True)) == (
        "The selected file contains macros. Save it without macros and try again"
    )


def test_empty_and_oversized_files_are_refused(settings):
    settings.PANELS_DOCUMENT_MAX_BYTES = 1024

    assert _error("minutes.pdf", b"") == "The selected file is empty"
    assert _error("minutes.pdf", b"%PDF-" + b"x" * 2000) == "The selected file must be smaller than 1.0\xa0KB"


def test_an_officer_uploading_a_disguised_file_is_told_why_and_nothing_is_saved(client, officer):
    meeting = PanelMeetingFactory(panel=PanelFactory())
    client.force_login(officer)
    url = reverse("admin:panels_panelmeeting_change", args=[meeting.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            **admin_when_and_where(meeting.event),
            "documents-TOTAL_FORMS": "1",
            "documents-INITIAL_FORMS": "0",
            "documents-0-title": "Minutes",
            "documents-0-file": SimpleUploadedFile("minutes.pdf", b"<script>alert(1)</script>"),
        }
    )

    response = client.post(url, data)

    assert "do not match its type (.pdf)" in response.content.decode()
    assert not MeetingDocument.objects.exists()


def test_terms_of_reference_are_checked_the_same_way(client, officer):
    panel = PanelFactory(slug="spp")
    client.force_login(officer)
    url = reverse("admin:panels_panel_change", args=[panel.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value not in (None, "")}
    data.update(
        {
            "terms_of_reference": SimpleUploadedFile("terms.docx", b"not really a document"),
            "eligibility_rules-TOTAL_FORMS": "0",
            "eligibility_rules-INITIAL_FORMS": "0",
        }
    )

    response = client.post(url, data)

    assert "do not match its type (.docx)" in response.content.decode()
    panel.refresh_from_db()
    assert not panel.terms_of_reference


def _paper(panel, content=b"%PDF-1.4 minutes") -> MeetingDocument:
    meeting = PanelMeetingFactory(panel=panel)
    document = MeetingDocument(meeting=meeting, title="Minutes of March")
    document.file.save("minutes.pdf", ContentFile(content))
    return document


def test_papers_and_terms_of_reference_are_served_like_every_other_upload(client, resident):
    from panels.tests.factories import MembershipFactory

    published = PanelFactory(slug="published", publishes_records=True)
    published.terms_of_reference.save("terms.pdf", ContentFile(pdf_bytes()))
    members_only = PanelFactory(slug="members-only", publishes_records=False)
    public_paper, private_paper = _paper(published), _paper(members_only)
    MembershipFactory(panel=members_only, resident=resident)
    client.force_login(resident.user)

    terms = client.get(reverse("panels:terms_of_reference", kwargs={"slug": "published"}))
    public = client.get(public_paper.file.url)
    private = client.get(private_paper.file.url)

    assert terms["Cache-Control"] == public["Cache-Control"] == "private"
    assert private["Cache-Control"] == "private, no-store"
    assert public["Content-Disposition"] == 'inline; filename="Minutes of March.pdf"'
    assert public_paper.file.url == reverse("panels:document", kwargs={"slug": "published", "pk": public_paper.pk})


def test_a_paper_or_terms_of_reference_missing_from_storage_is_not_found(client):
    panel = PanelFactory(slug="spp", publishes_records=True)
    panel.terms_of_reference.save("terms.pdf", ContentFile(pdf_bytes()))
    paper = _paper(panel)
    panel.terms_of_reference.storage.delete(panel.terms_of_reference.name)
    paper.file.storage.delete(paper.file.name)

    assert client.get(reverse("panels:terms_of_reference", kwargs={"slug": "spp"})).status_code == 404
    assert client.get(paper.file.url).status_code == 404


def test_officers_open_papers_from_admin_through_the_papers_view_not_a_storage_address(client, officer):
    panel = PanelFactory(slug="spp", publishes_records=False)
    paper = _paper(panel)
    client.force_login(officer)

    page = client.get(reverse("admin:panels_panelmeeting_change", args=[paper.meeting.pk])).content.decode()

    assert f'href="{paper.file.url}"' in page and "/media/" not in page
    assert client.get(paper.file.url).status_code == 200
