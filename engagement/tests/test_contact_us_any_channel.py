"""Contact us needs no email: a mobile, a phone number or a postal address is enough, and community
relations reply from admin by the way the sender asked."""

import pytest
from django.core import mail
from django.urls import reverse

from engagement.messaging.models import DevelopmentText, LetterToPrint
from engagement.models import ContactEnquiry, EnquiryReply

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESS = "Flat 3, Castell House\nFrankham Street\nLondon\nse8 4rn"


def _send(client, **fields):
    return client.post("/contact-us/", {"name": "Pat Smith", "message": "When is the next roadshow?", **fields})


def test_a_phone_number_is_enough_and_the_page_says_we_will_ring(client):
    response = _send(client, reply_by="phone", phone="020 7946 0018")

    enquiry = ContactEnquiry.objects.get()
    assert (enquiry.reply_by, enquiry.phone, enquiry.email) == ("phone", "+442079460018", "")
    assert mail.outbox == []
    done = client.get(response.url).content.decode()
    assert "by phoning you between 9am and 5pm on a weekday" in done
    assert "emailed" not in done


def test_a_mobile_number_gets_the_acknowledgement_by_text(client):
    _send(client, reply_by="text", mobile="07700 900123")

    assert ContactEnquiry.objects.get().phone == "+447700900123"
    text = DevelopmentText.objects.get()
    assert text.to == "+447700900123"
    assert "we have your message" in text.body
    assert mail.outbox == []


def test_a_postal_address_is_enough_with_its_postcode_tidied(client):
    response = _send(client, reply_by="post", postal_address=ADDRESS)

    assert response.status_code == 302
    enquiry = ContactEnquiry.objects.get()
    assert enquiry.postal_address == "Flat 3, Castell House\nFrankham Street\nLondon\nSE8 4RN"
    assert "by letter" in client.get(response.url).content.decode()


def test_without_javascript_filling_in_one_way_is_answer_enough(client):
    _send(client, phone="020 7946 0018")

    assert ContactEnquiry.objects.get().reply_by == "phone"


def test_what_is_missing_for_the_way_chosen_is_said_at_the_field_and_the_rest_kept(client):
    page = _send(
        client, reply_by="post", postal_address="Flat 3\nno postcode here", email="half-typed"
    ).content.decode()

    assert "Put your postcode on the last line of your address" in page
    assert page.count("govuk-error-message") == 1  # the half-typed email does not count: it was not chosen
    assert "no postcode here" in page and "When is the next roadshow?" in page
    page = _send(client, reply_by="phone").content.decode()
    assert "Enter your phone number" in page
    page = _send(client).content.decode()
    assert "Select how we should reply" in page
    assert not ContactEnquiry.objects.exists()


def _reply_in_admin(client, enquiry, words):
    change = client.get(reverse("admin:engagement_contactenquiry_change", args=[enquiry.pk])).content.decode()
    reply_url = reverse("admin:engagement_contactenquiry_reply", args=[enquiry.pk])
    assert reply_url in change
    form = client.get(reply_url)
    assert form.status_code == 200
    return client.post(reply_url, {"reply": words}), form.content.decode()


@pytest.mark.parametrize("reply_by", ["email", "text", "post", "phone"])
def test_community_relations_reply_from_admin_by_the_way_the_sender_asked(client, community_relations, reply_by):
    fields = {
        "email": {"email": "pat@example.com"},
        "text": {"mobile": "07700 900123"},
        "post": {"postal_address": ADDRESS},
        "phone": {"phone": "020 7946 0018"},
    }[reply_by]
    _send(client, reply_by=reply_by, **fields)
    enquiry = ContactEnquiry.objects.get()
    mail.outbox.clear()
    DevelopmentText.objects.all().delete()
    client.force_login(community_relations)

    response, form = _reply_in_admin(client, enquiry, "The next roadshow is on 4 March at Catford.")

    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == ContactEnquiry.Status.ANSWERED
    assert enquiry.handled_by == community_relations
    assert EnquiryReply.objects.get().body == "The next roadshow is on 4 March at Catford."
    sent = {
        "email": [m.body for m in mail.outbox if m.to == ["pat@example.com"]],
        "text": [t.body for t in DevelopmentText.objects.filter(to="+447700900123")],
        "post": [
            letter.body
            for letter in LetterToPrint.objects.all()
            if letter.address_lines == ["Pat Smith", "Flat 3, Castell House", "Frankham Street", "London", "SE8 4RN"]
        ],
        "phone": [],
    }
    assert all("The next roadshow is on 4 March at Catford." in body for body in sent[reply_by])
    assert len(sent[reply_by]) == (0 if reply_by == "phone" else 1)
    if reply_by == "phone":
        assert "Phone them on 020 7946 0018" in form
        assert mail.outbox == [] and not DevelopmentText.objects.exists() and not LetterToPrint.objects.exists()


def test_engagement_officers_cannot_reply_to_enquiries(client, officer):
    enquiry = ContactEnquiry.objects.create(name="Pat", email="pat@example.com", message="Hello")
    client.force_login(officer)

    assert (
        client.post(reverse("admin:engagement_contactenquiry_reply", args=[enquiry.pk]), {"reply": "Hi"}).status_code
        == 403
    )
    assert not EnquiryReply.objects.exists()
