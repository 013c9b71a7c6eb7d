import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from engagement.models import Home, Tenancy, TenancyImport, TenureType, Ward
from engagement.services.tenancy_import import ERRORS_LISTED, tenancy_import_confirm, tenancy_import_run
from engagement.tenancy_csv import COLUMN_NAMES
from engagement.tests.factories import BlockFactory, EstateFactory, HomeFactory, TenancyFactory, WardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def a_row(**values) -> dict:
    return {
        "tenancy_reference": "TEN-000001",
        "tenure_type": "council_tenant",
        "start_date": "2015-04-01",
        "ward": "New Cross",
        "estate": "Crossfield",
        "block": "Castleton House",
        "address_line_1": "Flat 1, Castleton House",
        "address_line_2": "Crossfield Estate",
        "postcode": "SE8 4AA",
        "household_members": "Sam Example; Alex Example",
        **values,
    }


def csv_file(rows, *, columns=COLUMN_NAMES, name="tenancies.csv", encoding="utf-8") -> io.BytesIO:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    binary = io.BytesIO(text.getvalue().encode(encoding))
    binary.name = name
    return binary


def three_tenancies() -> list[dict]:
    return [
        a_row(),
        a_row(
            tenancy_reference="TEN-000002",
            address_line_1="Flat 2, Castleton House",
            household_members="",
            tenure_type="Resident leaseholder",
        ),
        a_row(
            tenancy_reference="TEN-000003",
            ward="Deptford",
            estate="Pepys",
            block="Aragon Tower",
            address_line_1="Flat 30, Aragon Tower",
            address_line_2="",
            postcode="SE8 3DH",
            start_date="01/09/2020",
        ),
    ]


def test_a_good_file_imports_every_tenancy_and_the_places_it_names():
    record = tenancy_import_run(csv_file(three_tenancies()), apply=True)

    assert record.status == TenancyImport.Status.APPLIED
    assert (record.rows, record.created, record.updated, record.unchanged) == (3, 3, 0, 0)
    assert (record.wards_created, record.estates_created, record.blocks_created, record.homes_created) == (2, 2, 2, 3)
    assert record.errors == [] and record.error_count == 0
    tenancy = Tenancy.objects.select_related("home__block__estate__ward").get(reference="TEN-000001")
    assert tenancy.tenure_type == TenureType.COUNCIL_TENANT
    assert tenancy.start_date == date(2015, 4, 1)
    assert tenancy.household_members == ["Sam Example", "Alex Example"]
    assert tenancy.home.address_lines == ["Flat 1, Castleton House", "Crossfield Estate", "London", "SE8 4AA"]
    assert str(tenancy.home.block) == "Castleton House, Crossfield"
    assert tenancy.home.block.estate.ward.name == "New Cross"
    assert Tenancy.objects.get(reference="TEN-000002").household_members == []
    assert Tenancy.objects.get(reference="TEN-000002").tenure_type == TenureType.RESIDENT_LEASEHOLDER
    assert Tenancy.objects.get(reference="TEN-000003").start_date == date(2020, 9, 1)


def test_values_are_read_the_way_the_housing_system_and_spreadsheets_write_them():
    row = a_row(
        tenancy_reference="  ten-000009 ",
        tenure_type="SHELTERED TENANT",
        start_date="7/3/2019",
        postcode="se84aa",
        household_members=" Sam Example ;; ",
    )
    tenancy_import_run(csv_file([row]), apply=True)

    tenancy = Tenancy.objects.get()
    assert tenancy.reference == "TEN-000009"
    assert tenancy.tenure_type == TenureType.SHELTERED_TENANT
    assert tenancy.start_date == date(2019, 3, 7)
    assert tenancy.home.postcode == "SE8 4AA"
    assert tenancy.household_members == ["Sam Example"]


def test_the_header_may_be_in_any_order_and_case_with_extra_columns_and_a_byte_order_mark():
    columns = ["Notes", *[name.upper() for name in reversed(COLUMN_NAMES)]]
    rows = [{"Notes": "ignored", **{name.upper(): value for name, value in a_row().items()}}]
    record = tenancy_import_run(csv_file(rows, columns=columns, encoding="utf-8-sig"), apply=True)

    assert record.error_count == 0
    assert Tenancy.objects.get().reference == "TEN-000001"


def test_places_we_hold_are_matched_ignoring_case_and_not_created_again():
    estate = EstateFactory(name="Crossfield", ward=WardFactory(name="New Cross"))
    BlockFactory(name="Castleton House", estate=estate)
    row = a_row(ward="NEW CROSS", estate="crossfield", block="castleton house")
    record = tenancy_import_run(csv_file([row]), apply=True)

    assert (record.wards_created, record.estates_created, record.blocks_created, record.homes_created) == (0, 0, 0, 1)
    assert Tenancy.objects.get().home.block.estate == estate
    assert Ward.objects.count() == 1


def test_bad_rows_are_listed_with_line_numbers_and_reasons_and_nothing_is_imported():
    rows = [
        a_row(),
        a_row(tenancy_reference="TEN-000002", address_line_1="Flat 2", postcode="SE99"),
        a_row(tenancy_reference="TEN-000003", address_line_1="Flat 3", tenure_type="owner", start_date="31/02/2020"),
        a_row(tenancy_reference="", address_line_1="Flat 4", estate="E" * 151),
    ]
    record = tenancy_import_run(csv_file(rows), apply=True)

    assert record.status == TenancyImport.Status.REJECTED
    assert record.errors == [
        "Line 3, postcode: 'SE99' is not a real postcode",
        "Line 4, tenure_type: 'owner' is not a tenure type (use one of Council tenant, Sheltered tenant, "
        "Resident leaseholder, Private tenant of a leaseholder, Temporary accommodation, Shared owner)",
        "Line 4, start_date: '31/02/2020' is not a date in the form YYYY-MM-DD or DD/MM/YYYY",
        "Line 5, tenancy_reference: blank, but every row needs one",
        "Line 5, estate: longer than 150 characters (it has 151)",
    ]
    assert record.error_count == 5
    assert (record.created, record.updated) == (0, 0)
    assert not Tenancy.objects.exists()
    assert not Home.objects.exists()
    assert not Ward.objects.exists()


def test_values_as_long_as_the_tables_hold_are_imported_whole():
    longest = a_row(
        tenancy_reference="T" * 30,
        ward="W" * 100,
        estate="E" * 150,
        block="B" * 150,
        address_line_1="1" * 200,
        address_line_2="2" * 200,
    )
    record = tenancy_import_run(csv_file([longest]), apply=True)

    assert record.errors == []
    tenancy = Tenancy.objects.select_related("home__block__estate__ward").get()
    assert tenancy.reference == "T" * 30
    assert tenancy.home.block.estate.name == "E" * 150
    assert tenancy.home.block.estate.ward.name == "W" * 100
    assert (tenancy.home.address_line_1, tenancy.home.address_line_2) == ("1" * 200, "2" * 200)


def test_a_row_with_no_reference_but_other_values_is_an_error_not_a_blank_row():
    record = tenancy_import_run(csv_file([a_row(tenancy_reference="")]), apply=True)

    assert record.errors == ["Line 2, tenancy_reference: blank, but every row needs one"]


def raw_csv(*lines: list[str]) -> io.BytesIO:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(lines)
    binary = io.BytesIO(text.getvalue().encode())
    binary.name = "raw.csv"
    return binary


def test_a_row_with_more_or_fewer_cells_than_the_header_is_an_error():
    binary = raw_csv(COLUMN_NAMES, [*a_row().values(), "extra"], ["TEN-000002", "council_tenant"])
    record = tenancy_import_run(binary, apply=True)

    assert record.errors == ["Line 2: has 11 cells but the header has 10", "Line 3: has 2 cells but the header has 10"]


def test_blank_rows_are_skipped_and_do_not_shift_line_numbers():
    binary = raw_csv(COLUMN_NAMES, [""] * 10, [], a_row(postcode="nowhere").values())
    record = tenancy_import_run(binary, apply=True)

    assert record.errors == ["Line 4, postcode: 'nowhere' is not a real postcode"]
    assert record.rows == 1


def test_importing_the_same_file_again_changes_nothing():
    tenancy_import_run(csv_file(three_tenancies()), apply=True)
    before = {t.reference: t.updated_at for t in Tenancy.objects.all()}

    record = tenancy_import_run(csv_file(three_tenancies()), apply=True)

    assert record.status == TenancyImport.Status.APPLIED
    assert (record.rows, record.created, record.updated, record.unchanged) == (3, 0, 0, 3)
    places = (record.wards_created, record.estates_created, record.blocks_created, record.homes_created)
    assert places == (0, 0, 0, 0)
    assert record.homes_updated == 0
    assert {t.reference: t.updated_at for t in Tenancy.objects.all()} == before


def test_a_changed_row_updates_its_tenancy_by_reference():
    tenancy = TenancyFactory(reference="TEN-000001", tenure_type=TenureType.COUNCIL_TENANT)
    untouched = TenancyFactory(reference="TEN-000099")
    row = a_row(tenure_type="resident_leaseholder", start_date="2001-02-03", household_members="Pat Example")

    record = tenancy_import_run(csv_file([row]), apply=True)

    assert (record.created, record.updated, record.unchanged) == (0, 1, 0)
    changed = Tenancy.objects.get(pk=tenancy.pk)
    assert changed.tenure_type == TenureType.RESIDENT_LEASEHOLDER
    assert changed.start_date == date(2001, 2, 3)
    assert changed.household_members == ["Pat Example"]
    assert changed.home.address_line_1 == "Flat 1, Castleton House"
    assert changed.created_at == tenancy.created_at
    assert changed.updated_at > tenancy.updated_at
    assert Tenancy.objects.get(pk=untouched.pk).updated_at == untouched.updated_at


def test_a_home_we_hold_takes_the_block_and_second_line_the_file_gives_it():
    home = HomeFactory(address_line_1="Flat 1, Castleton House", postcode="SE8 4AA", address_line_2="Old line")
    estate = EstateFactory(name="Crossfield", ward=WardFactory(name="New Cross"))

    record = tenancy_import_run(csv_file([a_row()]), apply=True)

    assert (record.homes_created, record.homes_updated, record.blocks_created) == (0, 1, 1)
    home.refresh_from_db()
    assert home.address_line_2 == "Crossfield Estate"
    assert home.block.estate == estate
    assert Tenancy.objects.get().home == home


def test_a_reference_twice_in_the_file_is_an_error_naming_both_lines():
    rows = three_tenancies() + [a_row(tenancy_reference="ten-000002 ", address_line_1="Flat 9")]
    record = tenancy_import_run(csv_file(rows), apply=True)

    assert record.errors == ["Line 5, tenancy_reference: 'TEN-000002' is also on line 3"]
    assert not Tenancy.objects.exists()


def test_an_estate_we_hold_in_another_ward_is_an_error_on_each_of_its_rows():
    EstateFactory(name="Crossfield", ward=WardFactory(name="Brockley"))
    record = tenancy_import_run(csv_file(three_tenancies()), apply=True)

    assert record.errors == [
        "Line 2, estate: 'Crossfield' is in ward 'Brockley', not 'New Cross'",
        "Line 3, estate: 'Crossfield' is in ward 'Brockley', not 'New Cross'",
    ]
    assert not Tenancy.objects.exists()
    assert Ward.objects.count() == 1


def test_an_estate_put_in_two_wards_by_the_file_is_an_error():
    rows = three_tenancies()
    rows[1]["ward"] = "Deptford"
    record = tenancy_import_run(csv_file(rows), apply=True)

    assert record.errors == ["Line 3, ward: 'Deptford', but line 2 puts estate 'Crossfield' in ward 'New Cross'"]


def test_one_home_put_in_two_blocks_by_the_file_is_an_error():
    rows = three_tenancies() + [a_row(tenancy_reference="TEN-000004", block="Other House")]
    record = tenancy_import_run(csv_file(rows), apply=True)

    assert record.errors == [
        "Line 5, block: 'Other House', but line 2 gives block 'Castleton House' "
        "for the same home (Flat 1, Castleton House, SE8 4AA)"
    ]


def test_two_tenancies_of_one_home_described_alike_are_imported():
    rows = [a_row(), a_row(tenancy_reference="TEN-000002", start_date="1999-01-01", block="CASTLETON HOUSE")]
    record = tenancy_import_run(csv_file(rows), apply=True)

    assert (record.created, record.homes_created) == (2, 1)


def test_a_file_that_is_not_utf8_is_rejected_and_says_how_to_save_it():
    record = tenancy_import_run(csv_file([a_row(household_members="Zoë Example")], encoding="cp1252"), apply=True)

    assert record.status == TenancyImport.Status.REJECTED
    assert record.errors == [
        "The file is not UTF-8 text. Save it from the spreadsheet as “CSV UTF-8 (Comma delimited)” and upload it again."
    ]
    assert not Tenancy.objects.exists()


def test_a_file_missing_columns_is_rejected_naming_them():
    columns = [name for name in COLUMN_NAMES if name not in ("postcode", "ward")]
    record = tenancy_import_run(csv_file([a_row()], columns=columns), apply=True)

    assert record.errors == [
        "The header is missing these columns: ward, postcode. The first row must name all of: "
        + ", ".join(COLUMN_NAMES)
        + "."
    ]
    assert not Tenancy.objects.exists()


def test_a_file_without_a_header_row_is_rejected_saying_so():
    record = tenancy_import_run(raw_csv(a_row().values()), apply=True)

    assert record.errors == [
        "The first row is not a header. It must name the columns: " + ", ".join(COLUMN_NAMES) + "."
    ]


@pytest.mark.parametrize(
    "content, error",
    [
        (b"", "The file is empty: it needs a header row, then one row per tenancy."),
        (b"\n\n", "The file is empty: it needs a header row, then one row per tenancy."),
        (",".join(COLUMN_NAMES).encode(), "The file has a header but no tenancies."),
    ],
)
def test_an_empty_file_is_rejected(content, error):
    binary = io.BytesIO(content)
    binary.name = "empty.csv"
    record = tenancy_import_run(binary, apply=True)

    assert record.status == TenancyImport.Status.REJECTED
    assert record.errors == [error]


def test_errors_beyond_the_first_ones_are_counted_not_listed():
    bad_postcodes = [
        a_row(tenancy_reference=f"TEN-{n}", address_line_1=f"Flat {n}", postcode="bad") for n in range(150)
    ]
    good = [a_row(tenancy_reference=f"TEN-A{n}", address_line_1=f"Flat A{n}") for n in range(250)]
    record = tenancy_import_run(csv_file(bad_postcodes + good + good), apply=True)

    assert record.error_count == 150 + 250
    assert len(record.errors) == ERRORS_LISTED == 200
    assert record.errors[0] == "Line 2, postcode: 'bad' is not a real postcode"
    assert record.errors[149] == "Line 151, postcode: 'bad' is not a real postcode"
    assert record.errors[150] == "Line 402, tenancy_reference: 'TEN-A0' is also on line 152"
    assert record.errors[-1] == "Line 451, tenancy_reference: 'TEN-A49' is also on line 201"
    assert record.errors_not_listed == 200


def test_a_check_writes_nothing_but_says_what_importing_would_do_and_confirming_applies_it():
    TenancyFactory(reference="TEN-000002")
    record = tenancy_import_run(csv_file(three_tenancies()), apply=False)

    assert record.status == TenancyImport.Status.CHECKED
    assert (record.created, record.updated, record.unchanged, record.homes_created) == (2, 1, 0, 3)
    assert Tenancy.objects.count() == 1
    assert not Ward.objects.filter(name="Deptford").exists()

    record = tenancy_import_confirm(record)

    assert record.status == TenancyImport.Status.APPLIED
    assert record.applied_at is not None
    assert Tenancy.objects.count() == 3


def test_confirming_twice_imports_once():
    record = tenancy_import_run(csv_file(three_tenancies()), apply=False)
    tenancy_import_confirm(record)
    record = tenancy_import_confirm(record)

    assert (record.created, record.unchanged) == (3, 0)
    assert Tenancy.objects.count() == 3


def test_confirming_checks_the_file_again_against_todays_records():
    record = tenancy_import_run(csv_file(three_tenancies()), apply=False)
    EstateFactory(name="Pepys", ward=WardFactory(name="Evelyn"))

    record = tenancy_import_confirm(record)

    assert record.status == TenancyImport.Status.REJECTED
    assert record.errors == ["Line 4, estate: 'Pepys' is in ward 'Evelyn', not 'Deptford'"]
    assert not Tenancy.objects.exists()


# --- In the admin ---------------------------------------------------------------------


def test_the_tenancy_list_offers_officers_the_import(officer_client):
    page = officer_client.get(reverse("admin:engagement_tenancy_changelist")).content.decode()
    assert reverse("admin:engagement_tenancyimport_add") in page
    assert "Import tenancies" in page


def test_the_upload_page_documents_every_column(officer_client):
    page = officer_client.get(reverse("admin:engagement_tenancyimport_add")).content.decode()
    for name in COLUMN_NAMES:
        assert f"<code>{name}</code>" in page


def test_an_officer_uploads_sees_the_changes_and_confirms_the_import(officer_client, officer):
    response = officer_client.post(reverse("admin:engagement_tenancyimport_add"), {"file": csv_file(three_tenancies())})

    record = TenancyImport.objects.get()
    preview_url = reverse("admin:engagement_tenancyimport_preview", args=[record.pk])
    assert response.status_code == 302 and response.url == preview_url
    assert record.uploaded_by == officer and record.original_name == "tenancies.csv"
    assert not Tenancy.objects.exists()

    page = officer_client.get(preview_url).content.decode()
    assert '<th scope="row">Tenancies created</th><td>3</td>' in page
    assert '<th scope="row">Wards created</th><td>2</td>' in page
    assert "Confirm and import" in page

    response = officer_client.post(preview_url, follow=True)

    assert response.redirect_chain[-1][0] == reverse("admin:engagement_tenancy_changelist")
    assert "Tenancies imported. 3 rows: 3 tenancies created" in response.content.decode()
    assert Tenancy.objects.count() == 3
    assert TenancyImport.objects.get().status == TenancyImport.Status.APPLIED


def test_an_officer_sees_each_error_and_no_way_to_confirm(officer_client):
    rows = three_tenancies()
    rows[2]["postcode"] = "SE99"
    officer_client.post(reverse("admin:engagement_tenancyimport_add"), {"file": csv_file(rows)})
    record = TenancyImport.objects.get()
    preview_url = reverse("admin:engagement_tenancyimport_preview", args=[record.pk])

    page = officer_client.get(preview_url).content.decode()

    assert "Nothing was imported. The file has 1 error" in page
    assert "<li>Line 4, postcode: &#x27;SE99&#x27; is not a real postcode</li>" in page
    assert "Confirm and import" not in page
    officer_client.post(preview_url)
    assert not Tenancy.objects.exists()


def test_a_resident_cannot_reach_the_import(resident_client):
    record = tenancy_import_run(csv_file(three_tenancies()), apply=False)
    tenancies = Tenancy.objects.count()
    add_url = reverse("admin:engagement_tenancyimport_add")
    preview_url = reverse("admin:engagement_tenancyimport_preview", args=[record.pk])

    for response in (
        resident_client.get(add_url),
        resident_client.post(add_url, {"file": csv_file(three_tenancies())}),
        resident_client.get(preview_url),
        resident_client.post(preview_url),
    ):
        assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
    assert TenancyImport.objects.count() == 1
    assert Tenancy.objects.count() == tenancies


def test_staff_without_the_import_permission_are_refused(client, community_relations):
    client.force_login(community_relations)
    assert client.get(reverse("admin:engagement_tenancyimport_add")).status_code == 403
    assert "Import tenancies" not in client.get(reverse("admin:engagement_tenancy_changelist")).content.decode()


# --- From the command line ----------------------------------------------------------


def write_csv(tmp_path, rows):
    path = tmp_path / "tenancies.csv"
    path.write_bytes(csv_file(rows).getvalue())
    return path


def test_the_command_imports_and_prints_what_it_did(tmp_path, capsys):
    call_command("import_tenancies", write_csv(tmp_path, three_tenancies()))

    assert "Imported. 3 rows: 3 tenancies created, 0 updated, 0 unchanged." in capsys.readouterr().out
    assert Tenancy.objects.count() == 3


def test_the_command_with_dry_run_imports_nothing(tmp_path, capsys):
    call_command("import_tenancies", write_csv(tmp_path, three_tenancies()), "--dry-run")

    assert "Importing would make these changes: 3 rows: 3 tenancies created" in capsys.readouterr().out
    assert not Tenancy.objects.exists()


def test_the_command_lists_errors_and_exits_with_an_error_code(tmp_path, capsys):
    rows = three_tenancies()
    rows[0]["start_date"] = "yesterday"

    with pytest.raises(CommandError, match=r"Nothing was imported: the file has 1 error\.") as failure:
        call_command("import_tenancies", write_csv(tmp_path, rows))

    assert failure.value.returncode == 1
    assert "Line 2, start_date: 'yesterday' is not a date" in capsys.readouterr().err
    assert not Tenancy.objects.exists()


def test_the_command_says_when_the_file_cannot_be_opened(tmp_path):
    with pytest.raises(CommandError, match="Cannot open"):
        call_command("import_tenancies", tmp_path / "missing.csv")
