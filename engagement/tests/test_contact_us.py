import pytest
from django.core import mail

from engagement.messaging.models import Message
from engagement.models import ContactEnquiry

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_enquiry_is_stored_and_acknowledged_by_email_after_it_commits(client):
    response = client.post(
        "/contact-us/",
        {"name": "Pat Smith", "reply_by": "email", "email": "pat@example.com", "message": "When is the next roadshow?"},
    )

    assert response.status_code == 302
    enquiry = ContactEnquiry.objects.get()
    assert enquiry.message == "When is the next roadshow?"
    assert [m.to for m in mail.outbox] == [["pat@example.com"]]
    assert "When is the next roadshow?" in mail.outbox[0].body
    assert Message.objects.get().status == Message.Status.SENT


def test_an_enquiry_that_fails_to_save_sends_nothing(client, monkeypatch):
    def broken_create(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(ContactEnquiry.objects, "create", broken_create)
    with pytest.raises(RuntimeError):
        client.post("/contact-us/", {"name": "Pat", "email": "pat@example.com", "message": "Hello"})

    assert mail.outbox == []
    assert not Message.objects.exists()


def test_mistakes_are_shown_next_to_the_field_and_what_was_typed_is_kept(client):
    response = client.post("/contact-us/", {"name": "Pat Smith", "email": "not-an-email", "message": "Hello there"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter an email address in the correct format" in page
    assert 'value="Pat Smith"' in page
    assert "Hello there" in page
    assert page.count("govuk-error-message") == 1
    assert not ContactEnquiry.objects.exists()


def test_staff_see_enquiries_in_admin(client, community_relations):
    ContactEnquiry.objects.create(name="Pat", email="pat@example.com", message="A question about panels")
    client.force_login(community_relations)

    page = client.get("/admin/engagement/contactenquiry/").content.decode()

    assert "pat@example.com" in page
