"""Bulk sends from admin: pick an audience, see the counts by channel first, send, watch progress."""

import pytest
from django.core import mail

from engagement.messaging.audience import Audience
from engagement.messaging.models import BulkSend, DevelopmentText, LetterToPrint, Message
from engagement.messaging.services.bulk import bulk_send_create, bulk_send_dispatch, bulk_send_progress
from engagement.messaging.tests.conftest import opt_in
from engagement.models import Channel, Purpose
from engagement.tests.factories import EstateFactory, HomeFactory, ResidentFactory, TenancyFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def estate_with_residents(db):
    """An estate with one resident for each way of being reached, and one who cannot be."""
    estate = EstateFactory(name="Pepys Estate")

    def living_on_estate(**kwargs):
        return ResidentFactory(tenancy=TenancyFactory(home=HomeFactory(block__estate=estate)), **kwargs)

    return {
        "email": opt_in(living_on_estate(first_name="Emma"), Channel.EMAIL),
        "text": opt_in(living_on_estate(first_name="Tom", email="", user=None, mobile="+447700900001"), Channel.TEXT),
        "no_consent": living_on_estate(first_name="Nora"),
        "postal_only": living_on_estate(first_name="Pat", email="", user=None),
        "estate": estate,
        "elsewhere": opt_in(ResidentFactory(first_name="Olive"), Channel.EMAIL),
    }


def form_data(estate, **overrides):
    return {
        "description": "Pepys roadshow invitation",
        "template": "engagement.invitation",
        "subject": "Come to the Pepys roadshow",
        "body": "Meet the housing team on Tuesday.",
        "link": "https://example.gov.uk/roadshow",
        "estates": [estate.pk],
        "contact_details": "any",
        **overrides,
    }


def test_officers_see_how_many_residents_and_by_which_channel_before_sending(officer_client, estate_with_residents):
    estate = estate_with_residents["estate"]

    page = officer_client.post("/admin/messaging/bulksend/add/", {**form_data(estate), "check": "1"})

    html = page.content.decode()
    assert page.status_code == 200
    assert "4 residents in this audience" in html
    assert '<td id="count-email">1</td>' in html
    assert '<td id="count-text">1</td>' in html
    assert '<td id="count-post">0</td>' in html
    assert '<td id="count-none">2</td>' in html
    assert "Send to 2 residents" in html
    assert "Meet the housing team on Tuesday." in html
    assert not Message.objects.exists()
    back = officer_client.post("/admin/messaging/bulksend/add/", {**form_data(estate), "change": "1"}).content.decode()
    assert "Check who it reaches" in back
    assert 'value="Come to the Pepys roadshow"' in back


def test_the_letter_preview_shows_where_each_letters_own_code_goes(officer_client, estate_with_residents):
    estate = estate_with_residents["estate"]

    page = officer_client.post(
        "/admin/messaging/bulksend/add/", {**form_data(estate), "letter_fallback": "on", "check": "1"}
    ).content.decode()

    assert '<td id="count-post">1</td>' in page
    assert "Post: what residents will read" in page
    assert "1. Go to http://127.0.0.1:8000/code/\n2. Type in this code: ABCD 2346" in page
    assert "Or type in the whole link: https://example.gov.uk/roadshow" in page


def test_sending_records_one_message_each_and_the_progress_page_counts_them(officer_client, estate_with_residents):
    estate = estate_with_residents["estate"]
    check = officer_client.post("/admin/messaging/bulksend/add/", {**form_data(estate), "check": "1"})
    token = check.context["form_token"]

    response = officer_client.post(
        "/admin/messaging/bulksend/add/", {**form_data(estate), "confirm": "1", "form_token": token}
    )

    bulk_send = BulkSend.objects.get()
    assert response.status_code == 302
    assert response.url == f"/admin/messaging/bulksend/{bulk_send.pk}/change/"
    assert bulk_send.recorded == 2
    assert [email.to for email in mail.outbox] == [[estate_with_residents["email"].email]]
    assert "Meet the housing team on Tuesday." in mail.outbox[0].body
    assert "https://example.gov.uk/roadshow" in mail.outbox[0].body
    assert "Dear Emma" in mail.outbox[0].body
    assert DevelopmentText.objects.get().to == "+447700900001"
    progress = officer_client.get(response.url).content.decode()
    assert '<td id="progress-sent">2</td>' in progress
    assert 'http-equiv="refresh"' not in progress


def test_pressing_send_twice_sends_once(officer_client, estate_with_residents):
    estate = estate_with_residents["estate"]
    data = {**form_data(estate), "confirm": "1", "form_token": "f" * 32}

    officer_client.post("/admin/messaging/bulksend/add/", data)
    again = officer_client.post("/admin/messaging/bulksend/add/", data)

    assert BulkSend.objects.count() == 1
    assert again.url == f"/admin/messaging/bulksend/{BulkSend.objects.get().pk}/change/"
    assert len(mail.outbox) == 1


def test_residents_with_no_email_or_mobile_get_a_letter_where_the_officer_allows_it(estate_with_residents):
    audience = Audience(estates=[estate_with_residents["estate"].pk], letter_fallback=True)

    assert audience.summary()["post"] == 1
    bulk_send_create(
        audience=audience,
        template="engagement.invitation",
        description="Survey",
        personalisation={"subject": "Survey", "body": "Have your say.", "link": "https://example.gov.uk/s/1"},
    )

    letter = LetterToPrint.objects.get()
    assert letter.address_lines[0] == "Pat Example"
    assert letter.message.letter_fallback
    # Nora has an email address but never agreed to invitations: no letter for her either.
    assert not Message.objects.filter(resident=estate_with_residents["no_consent"]).exists()


def test_progress_shows_what_is_still_waiting_and_the_page_refreshes_itself(officer_client, estate_with_residents):
    from engagement.messaging import tasks

    original = tasks.dispatch_bulk_send.apply_async
    tasks.dispatch_bulk_send.apply_async = lambda *args, **kwargs: None
    try:
        bulk_send = bulk_send_create(
            audience=Audience(estates=[estate_with_residents["estate"].pk]),
            template="engagement.invitation",
            description="Survey",
            personalisation={"subject": "Survey", "body": "Have your say."},
        )
    finally:
        tasks.dispatch_bulk_send.apply_async = original

    page = officer_client.get(f"/admin/messaging/bulksend/{bulk_send.pk}/change/").content.decode()
    assert '<td id="progress-waiting">2</td>' in page
    assert '<meta http-equiv="refresh" content="5">' in page

    assert bulk_send_dispatch(bulk_send_id=bulk_send.pk) == 2
    assert bulk_send_progress(bulk_send)["sent"] == 2
    assert bulk_send_dispatch(bulk_send_id=bulk_send.pk) == 0


def test_the_audience_purpose_follows_the_message_type(estate_with_residents):
    bulk_send = bulk_send_create(
        audience=Audience(estates=[estate_with_residents["estate"].pk]),
        template="engagement.enquiry_acknowledgement",
        description="A service message to everyone",
        personalisation={"name": "resident", "received_on": "today", "message": ""},
    )

    # Service messages need no opt-in: everyone we can reach gets one, Pat by post.
    assert bulk_send.audience["purpose"] == Purpose.SERVICE
    assert bulk_send.recorded == 4


def test_list_pages_take_the_same_queries_however_many_rows(officer_client, django_assert_max_num_queries):
    def pages_with(count):
        for n in range(count):
            resident = opt_in(ResidentFactory(), Channel.EMAIL)
            bulk_send_create(
                audience=Audience(blocks=[resident.tenancy.home.block_id]),
                template="engagement.invitation",
                description=f"Send {n}",
                personalisation={"subject": "s", "body": "b"},
            )
        for url in ("/admin/messaging/bulksend/", "/admin/messaging/message/"):
            with django_assert_max_num_queries(12):
                assert officer_client.get(url).status_code == 200

    pages_with(3)
    pages_with(30)


def test_residents_cannot_reach_the_bulk_send_pages(resident_client):
    response = resident_client.get("/admin/messaging/bulksend/add/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
