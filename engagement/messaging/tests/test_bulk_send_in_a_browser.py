"""An officer's bulk send to an estate with letters, through the real admin pages at 1280 px, and the
print room's batch of those letters as a PDF."""

import re

import pytest
from playwright.sync_api import expect

from engagement.messaging.models import BulkSend, LetterToPrint, Message, PrintBatch
from engagement.messaging.tests.conftest import opt_in
from engagement.models import Channel
from engagement.tests.browser import sign_in_as
from engagement.tests.factories import EstateFactory, HomeFactory, ResidentFactory, TenancyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def _living_on(estate, first_name, **fields):
    return ResidentFactory(
        first_name=first_name, tenancy=TenancyFactory(home=HomeFactory(block__estate=estate)), **fields
    )


def test_a_bulk_send_to_an_estate_with_letters_reaches_the_print_room_as_one_pdf(live_server, page, axe, officer):
    pepys = EstateFactory(name="Pepys Estate")
    emma = opt_in(_living_on(pepys, "Emma"), Channel.EMAIL)
    pat = _living_on(pepys, "Pat", email="", user=None, mobile="")
    peter = _living_on(pepys, "Peter", email="", user=None, mobile="")
    elsewhere = opt_in(ResidentFactory(first_name="Olive"), Channel.EMAIL)
    sign_in_as(page, live_server, officer)
    page.set_viewport_size(DESKTOP)

    page.goto(live_server.url + "/admin/messaging/bulksend/add/")
    axe(page)
    page.get_by_label("Name of this send").fill("Pepys bin stores")
    page.get_by_label("Subject (emails and letters)").fill("Where should the new bin stores go?")
    page.get_by_role("textbox", name="Message:").fill("Tell us at the roadshow on Tuesday.")
    page.get_by_label("Estates").select_option(label="Pepys Estate")
    page.get_by_label("Send a letter to residents with no email address or mobile number").check()
    page.get_by_role("button", name="Check who it reaches").click()

    # Before anything is sent, the officer sees who gets it and how.
    expect(page.get_by_role("heading", name="3 residents in this audience")).to_be_visible()
    expect(page.locator("#count-email")).to_have_text("1")
    expect(page.locator("#count-post")).to_have_text("2")
    assert Message.objects.count() == 0
    axe(page)
    page.get_by_role("button", name="Send to 3 residents").click()

    expect(page.get_by_text("Pepys bin stores").first).to_be_visible()
    assert BulkSend.objects.get().description == "Pepys bin stores"
    assert set(Message.objects.values_list("resident", flat=True)) == {emma.pk, pat.pk, peter.pk}
    assert not Message.objects.filter(resident=elsewhere).exists()
    assert sorted(letter.address_lines[0].split()[0] for letter in LetterToPrint.objects.all()) == ["Pat", "Peter"]

    # The print room makes the next batch and downloads it: one page per letter, with its subject.
    page.goto(live_server.url + "/admin/messaging/printbatch/")
    expect(page.get_by_text("Letters waiting to be printed: 2")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Make the next print batch").click()
    link = page.get_by_role("link", name="Download the letters (PDF, one letter a page)")
    expect(link).to_be_visible()
    pdf = page.request.get(live_server.url + link.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"
    assert len(re.findall(rb"/Type /Page\b", pdf.body())) == 2
    with page.expect_navigation():
        page.get_by_role("button", name="Mark as printed").click()
    assert PrintBatch.objects.get().printed_at is not None
    assert not LetterToPrint.objects.filter(printed_at__isnull=True).exists()
