"""Select and act on the residents list: filter, tick, then start a bulk send to just those residents
(counted by channel before anything is sent) or download them."""

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from engagement.messaging.models import BulkSend, Message
from engagement.messaging.tests.conftest import opt_in
from engagement.models import AccessNeed, Channel, Interest
from engagement.tests.factories import EstateFactory, HomeFactory, ResidentFactory, StaffFactory, TenancyFactory

pytestmark = pytest.mark.django_db

RESIDENTS = "/admin/engagement/resident/"
BULK_SEND = "/admin/messaging/bulksend/add/"


@pytest.fixture
def pepys():
    estate = EstateFactory(name="Pepys Estate")

    def living_there(**kwargs):
        return ResidentFactory(tenancy=TenancyFactory(home=HomeFactory(block__estate=estate)), **kwargs)

    return {
        "emma": opt_in(living_there(first_name="Emma", last_name="Email"), Channel.EMAIL),
        "tom": opt_in(
            living_there(first_name="Tom", last_name="Text", email="", user=None, mobile="+447700900001"), Channel.TEXT
        ),
        "nora": living_there(first_name="Nora", last_name="Noconsent"),
        "elsewhere": opt_in(ResidentFactory(first_name="Olive", last_name="Other"), Channel.EMAIL),
    }


def act(client, action, residents, **extra):
    return client.post(
        RESIDENTS, {"action": action, ACTION_CHECKBOX_NAME: [resident.pk for resident in residents], **extra}
    )


def message(**overrides):
    return {
        "description": "Pepys lifts follow-up",
        "template": "engagement.invitation",
        "subject": "The Pepys lifts",
        "body": "Tell us how the lifts have been.",
        "link": "",
        "contact_details": "any",
        **overrides,
    }


def test_chosen_residents_get_a_bulk_send_counted_by_channel_first(officer_client, pepys):
    chosen = [pepys["emma"], pepys["tom"], pepys["nora"]]

    response = act(officer_client, "send_message_to_selected", chosen)

    assert response.status_code == 302 and response["Location"] == BULK_SEND + "?chosen=residents"
    write = officer_client.get(response["Location"])
    assert "Only residents you chose on the residents list" in write.content.decode()
    carried = write.context["form"]["chosen_residents"].value()
    assert sorted(int(pk) for pk in carried.split(",")) == sorted(resident.pk for resident in chosen)

    posted = {**message(), "chosen_residents": ",".join(str(resident.pk) for resident in chosen)}
    check = officer_client.post(BULK_SEND, {**posted, "check": "1"})
    html = check.content.decode()
    assert "3 residents in this audience" in html
    assert '<td id="count-email">1</td>' in html and '<td id="count-text">1</td>' in html
    assert '<td id="count-none">1</td>' in html
    assert not Message.objects.exists()

    officer_client.post(BULK_SEND, {**posted, "confirm": "1", "form_token": check.context["form_token"]})
    assert BulkSend.objects.get().recorded == 2
    assert set(Message.objects.values_list("resident", flat=True)) == {pepys["emma"].pk, pepys["tom"].pk}


def test_without_a_choice_the_bulk_send_page_starts_empty(officer_client, pepys):
    act(officer_client, "send_message_to_selected", [pepys["emma"]])
    write = officer_client.get(BULK_SEND)
    assert not write.context["form"]["chosen_residents"].value()


def test_staff_who_cannot_send_are_told_so(client, pepys):
    from django.contrib.auth.models import Permission

    viewer = StaffFactory()
    viewer.user_permissions.add(Permission.objects.get(codename="view_resident"))
    client.force_login(viewer)
    response = act(client, "send_message_to_selected", [pepys["emma"]])
    assert response.status_code == 302 and response["Location"] != BULK_SEND + "?chosen=residents"


def test_filtered_then_chosen_residents_download_as_a_spreadsheet(officer_client, pepys):
    emma = pepys["emma"]
    emma.interests.add(Interest.objects.create(code="lifts", label="Lifts and lighting"))
    emma.access_needs.add(AccessNeed.objects.get_or_create(code="large_print", defaults={"label": "Large print"})[0])

    response = act(officer_client, "export_selected", [emma, pepys["tom"]])

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["First name", "Last name", "Email"]
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Emma", "Tom"}
    assert by_name["Emma"][6] == "Pepys Estate"
    assert "Lifts and lighting" in by_name["Emma"][11] and "Large print" in by_name["Emma"][12]
    assert "by email" in by_name["Emma"][13]


def test_the_download_costs_the_same_queries_however_many_residents(officer_client, django_assert_max_num_queries):
    estate = EstateFactory()

    def download():
        chosen = list(ResidentFactory._meta.model.objects.all())
        response = act(officer_client, "export_selected", chosen)
        return b"".join(response.streaming_content)

    ResidentFactory(tenancy=TenancyFactory(home=HomeFactory(block__estate=estate)))
    with django_assert_max_num_queries(30) as first:
        download()
    for _ in range(20):
        ResidentFactory(tenancy=TenancyFactory(home=HomeFactory(block__estate=estate)))
    with django_assert_max_num_queries(len(first.captured_queries)):
        download()
