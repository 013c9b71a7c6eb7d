"""Community relations in the real admin: partners and contacts, contracts and commitments, deliveries,
the commitments due and overdue, and their export."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from engagement.partnerships.models import Commitment, PartnerContact
from engagement.partnerships.tests.factories import (
    CommitmentFactory,
    ContractFactory,
    DeliveryFactory,
    PartnerContactFactory,
    PartnerFactory,
)
from engagement.tests.admin_forms import read_form

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def community_client(client, community_relations):
    client.force_login(community_relations)
    return client


def _fields(instance, *names):
    instance.refresh_from_db()
    return {name: getattr(instance, name) for name in names}


def test_changing_a_contacts_phone_number_changes_nothing_else_and_is_audited(community_client):
    partner = PartnerFactory(name="Brockley Build", about="Repairs.")
    priya = PartnerContactFactory(partner=partner, name="Priya Shah")
    tom = PartnerContactFactory(partner=partner, name="Tom Reid", phone="020 7946 0002")
    contract = ContractFactory(partner=partner)
    url = reverse("admin:partnerships_partner_change", args=[partner.pk])
    form = read_form(community_client.get(url).content.decode(), "partner_form")
    before = _fields(partner, "name", "slug", "kind", "about", "started_on", "listed", "follows_hact_roadmap")
    tom_before = _fields(tom, "name", "role", "email", "phone")

    data = form.post_data()
    row = next(key for key, value in data.items() if key.endswith("-id") and value == [str(priya.pk)])
    data[row.replace("-id", "-phone")] = ["020 7946 0999"]
    saved = community_client.post(url, data)

    assert saved.status_code == 302, saved.context["errors"] if saved.context else saved
    assert _fields(priya, "phone") == {"phone": "020 7946 0999"}
    assert _fields(tom, "name", "role", "email", "phone") == tom_before
    assert _fields(partner, *before) == before
    assert list(partner.contracts.all()) == [contract]
    change = LogEntry.objects.get_for_object(priya).get(action=LogEntry.Action.UPDATE)
    assert change.changes_dict["phone"] == ["020 7946 0001", "020 7946 0999"]


def test_a_delivery_recorded_on_a_commitment_moves_it_to_met_and_names_who_recorded_it(
    community_client, community_relations
):
    commitment = CommitmentFactory(quantity=Decimal("2"), due_on=TODAY() + timedelta(days=5))
    earlier = DeliveryFactory(commitment=commitment, quantity=Decimal("1"))
    url = reverse("admin:partnerships_commitment_change", args=[commitment.pk])
    page = community_client.get(url).content.decode()
    assert "Due soon: 1 (£22,500) delivered" in page
    data = read_form(page, "commitment_form").post_data()
    new_row = next(
        key[: -len("-delivered_on")] for key, value in data.items() if key.endswith("-delivered_on") and value == [""]
    )
    data.update(
        {
            f"{new_row}-delivered_on": [TODAY().isoformat()],
            f"{new_row}-quantity": ["1"],
            f"{new_row}-value": ["22500"],
            f"{new_row}-evidence": ["Second apprentice's contract."],
        }
    )

    saved = community_client.post(url, data)

    assert saved.status_code == 302, saved.context["errors"] if saved.context else saved
    added = commitment.deliveries.exclude(pk=earlier.pk).get()
    assert (added.evidence, added.recorded_by) == ("Second apprentice's contract.", community_relations)
    assert _fields(earlier, "quantity", "evidence", "recorded_by") == {
        "quantity": Decimal("1"),
        "evidence": "The apprentice's contract, seen by the officer.",
        "recorded_by": None,
    }
    assert _fields(commitment, "what", "quantity", "due_on") == {
        "what": "Apprenticeships for Lewisham residents",
        "quantity": Decimal("2"),
        "due_on": TODAY() + timedelta(days=5),
    }
    assert "Met: 2 (£45,000) delivered" in community_client.get(url).content.decode()


def test_a_delivery_dated_in_the_future_is_refused_at_its_box_and_what_was_typed_is_kept(community_client):
    commitment = CommitmentFactory()
    url = reverse("admin:partnerships_commitment_change", args=[commitment.pk])
    data = read_form(community_client.get(url).content.decode(), "commitment_form").post_data()
    tomorrow = (TODAY() + timedelta(days=1)).isoformat()
    data.update(
        {
            "deliveries-0-delivered_on": [tomorrow],
            "deliveries-0-quantity": ["1"],
            "deliveries-0-value": ["100"],
            "deliveries-0-evidence": ["Timesheets"],
        }
    )

    refused = community_client.post(url, data)

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "The date it was delivered must be today or in the past" in page and "Timesheets" in page
    assert not commitment.deliveries.exists()


def _listed(client, query=""):
    page = client.get(reverse("admin:partnerships_commitment_changelist") + query)
    return [commitment.what for commitment in page.context["cl"].result_list]


def test_the_list_shows_soonest_due_first_and_filters_those_due_soon_or_overdue(community_client):
    for what, days, delivered in (
        ("Later", 200, 0),
        ("Overdue", -5, 1),
        ("Met", -10, 4),
        ("Due soon", 20, 0),
    ):
        commitment = CommitmentFactory(what=what, due_on=TODAY() + timedelta(days=days))
        if delivered:
            DeliveryFactory(commitment=commitment, quantity=Decimal(delivered))

    assert _listed(community_client) == ["Met", "Overdue", "Due soon", "Later"]
    assert _listed(community_client, "?status=due") == ["Overdue", "Due soon"]
    assert _listed(community_client, "?status=met") == ["Met"]


def test_the_commitment_list_reads_the_same_number_of_rows_whatever_its_length(
    community_client, django_assert_num_queries
):
    def add(n):
        for _ in range(n):
            DeliveryFactory(commitment=CommitmentFactory(contract=ContractFactory(partner=PartnerFactory())))

    url = reverse("admin:partnerships_commitment_changelist")
    add(1)
    community_client.get(url)
    with django_assert_num_queries(10, exact=False) as few:
        community_client.get(url)
    add(5)
    with django_assert_num_queries(len(few.captured_queries)):
        community_client.get(url)


def test_community_relations_export_the_commitments_with_what_was_delivered(community_client):
    partner = PartnerFactory(name="Brockley Build")
    contract = ContractFactory(partner=partner, title="North repairs", reference="LBL-1")
    overdue = CommitmentFactory(contract=contract, what="=Jobs", due_on=TODAY() - timedelta(days=1))
    DeliveryFactory(commitment=overdue, quantity=Decimal("1"), value=Decimal("12000"), evidence="Payroll list")
    CommitmentFactory(contract=contract, what="Not selected")
    url = reverse("admin:partnerships_commitment_changelist")
    selected = {"_selected_action": [overdue.pk], "index": "0"}

    exported = community_client.post(url, {**selected, "action": "export_csv"})
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8-sig"))))

    assert rows[0][:5] == ["Partner", "Contract", "Contract reference", "Theme", "Commitment"]
    assert rows[1:] == [
        [
            "Brockley Build",
            "North repairs",
            "LBL-1",
            "Apprenticeships and work placements",
            "'=Jobs",  # never read as a formula
            "4.00",
            "apprenticeships",
            "90000.00",
            (TODAY() - timedelta(days=1)).isoformat(),
            "1.00",
            "12000.00",
            "Overdue",
        ]
    ]

    workbook = community_client.post(url, {**selected, "action": "export_xlsx"})
    sheets = load_workbook(io.BytesIO(b"".join(workbook.streaming_content)), read_only=True)
    assert sheets.sheetnames == ["Commitments", "Deliveries"]
    deliveries = [list(row) for row in sheets["Deliveries"].iter_rows(values_only=True)]
    assert deliveries[1][0:3] == ["Brockley Build", "North repairs", "'=Jobs"]
    assert deliveries[1][-1] == "Payroll list" and len(deliveries) == 2


def test_engagement_officers_read_partners_but_do_not_change_them_or_their_contacts(officer_client):
    contact = PartnerContactFactory()
    url = reverse("admin:partnerships_partner_change", args=[contact.partner.pk])
    page = officer_client.get(url)
    assert page.status_code == 200 and "Priya Shah" in page.content.decode()
    assert officer_client.post(url, {"name": "Renamed"}).status_code == 403
    assert PartnerContact.objects.get().name == "Priya Shah"
    assert Commitment.objects.count() == 0


def test_the_admin_home_page_links_to_the_commitments_due_soon_or_overdue(community_client):
    page = community_client.get(reverse("admin:index")).content.decode()

    due = reverse("admin:partnerships_commitment_changelist") + "?status=due"
    assert f'<a href="{due}">Social value commitments due soon or overdue</a>' in page


def test_a_contracts_page_adds_up_its_social_value_committed_and_delivered(community_client):
    contract = ContractFactory()
    DeliveryFactory(commitment=CommitmentFactory(contract=contract), value=Decimal("22500"))
    CommitmentFactory(contract=contract, value=Decimal("3400.50"))

    page = community_client.get(reverse("admin:partnerships_contract_change", args=[contract.pk])).content.decode()

    assert "£93,400.50 committed, £22,500 delivered so far" in page
