"""Officers write to every household on the tenancy list, not only residents with accounts."""

import pytest
from django.core import mail

from engagement.messaging.models import BulkSend, LetterToPrint, Message
from engagement.messaging.tests.conftest import opt_in
from engagement.models import Channel
from engagement.tests.factories import BlockFactory, HomeFactory, ResidentFactory, TenancyFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/messaging/bulksend/add/"


@pytest.fixture
def crossfields(db):
    """Six homes on the tenancy list; one resident signed up for emails; one home elsewhere."""
    block = BlockFactory(estate__name="Crossfields")

    def household(*members, **home):
        return TenancyFactory(home=HomeFactory(block=block, **home), household_members=list(members))

    emma = opt_in(ResidentFactory(first_name="Emma", tenancy=household("Emma Stone")), Channel.EMAIL)
    nora = ResidentFactory(first_name="Nora", tenancy=household("Nora Quinn", "Ali Quinn"))
    return {
        "estate": block.estate,
        "emma": emma,
        "nora": nora,
        "ade": household("Ade Bello", address_line_1="Flat 3, Crossfields House", postcode="SE8 4AA"),
        "unnamed": household(),
        "bounced": household("Bo Back", undeliverable_post=True),
        "no_letters": opt_in(
            ResidentFactory(email="", user=None, tenancy=household("Nat No")), Channel.POST, given=False
        ),
        "elsewhere": TenancyFactory(household_members=["Olu Far"]),
    }


def form_data(estate, **overrides):
    return {
        "description": "Crossfields lift replacement",
        "template": "engagement.invitation",
        "subject": "Your lifts are being replaced",
        "body": "Tell us which weeks suit you.",
        "link": "",
        "estates": [estate.pk],
        "contact_details": "any",
        "households": "on",
        **overrides,
    }


def test_every_household_on_the_tenancy_list_gets_a_letter_with_the_counts_shown_first(
    officer_client, crossfields, django_capture_on_commit_callbacks
):
    estate = crossfields["estate"]

    started = officer_client.get(f"{ADD}?estates={estate.pk}&households=1").content.decode()
    check = officer_client.post(ADD, {**form_data(estate), "check": "1"})
    page = check.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = officer_client.post(
            ADD, {**form_data(estate), "confirm": "1", "form_token": check.context["form_token"]}
        )

    assert 'id="id_households" checked' in started
    assert '<td id="count-email">1</td>' in page and '<td id="count-households">3</td>' in page
    assert "Send to 1 resident and 3 households" in page
    assert "Post: what residents will read" in page
    assert sent.status_code == 302 and BulkSend.objects.get().recorded == 4
    assert [email.to for email in mail.outbox] == [[crossfields["emma"].email]]
    letters = {letter.address_lines[0]: letter for letter in LetterToPrint.objects.all()}
    # Nora has an account but never asked for these: her household is written to as the list names it.
    assert set(letters) == {"Nora Quinn", "Ade Bello", "The occupier"}
    assert letters["Ade Bello"].address_lines == ["Ade Bello", "Flat 3, Crossfields House", "London", "SE8 4AA"]
    assert letters["Ade Bello"].body.startswith("Dear Ade Bello,")
    assert letters["The occupier"].body.startswith("Dear resident,")
    assert "Tell us which weeks suit you." in letters["The occupier"].body
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.SENT}


def test_a_service_notice_reaches_residents_who_did_not_opt_in_and_households_the_rest(officer_client, crossfields):
    estate = crossfields["estate"]

    page = officer_client.post(
        ADD, {**form_data(estate, template="engagement.service_notice"), "check": "1"}
    ).content.decode()

    # Nora is told by email, Nat by letter: a service notice goes unless they said no to it.
    assert '<td id="count-email">2</td>' in page and '<td id="count-post">1</td>' in page
    assert '<td id="count-households">2</td>' in page and "Send to 3 residents and 2 households" in page


def test_every_household_cannot_be_narrowed_by_interests_or_contact_details(officer_client, crossfields):
    page = officer_client.post(ADD, {**form_data(crossfields["estate"], contact_details="has_email"), "check": "1"})

    assert "Every household means everyone in the area" in page.content.decode()
    assert not Message.objects.exists()
