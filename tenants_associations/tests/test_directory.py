"""The directory: estates by ward with their TRAs, filtered by ward, estate or postcode."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from engagement.tests.factories import BlockFactory, EstateFactory, HomeFactory, WardFactory
from tenants_associations.directory import postcode_search
from tenants_associations.models import RecognitionStatus
from tenants_associations.tests.factories import tra_for

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("tenants_associations:directory")


@pytest.fixture
def places(db):
    """Two wards; Catford has a TRA on one estate and none on another."""
    catford, deptford = WardFactory(name="Catford South"), WardFactory(name="Evelyn")
    rushey = EstateFactory(name="Rushey Mead", ward=catford)
    bellingham = EstateFactory(name="Bellingham Green", ward=catford)
    evelyn = EstateFactory(name="Evelyn Gardens", ward=deptford)
    HomeFactory(block=BlockFactory(estate=rushey, name="Mead House"), postcode="SE6 4RU")
    HomeFactory(block=BlockFactory(estate=bellingham, name="Randlesdown House"), postcode="SE6 3QL")
    HomeFactory(block=BlockFactory(estate=evelyn, name="Foreshore House"), postcode="SE8 3AB")
    HomeFactory(block=BlockFactory(estate=EstateFactory(name="Far Away", ward=deptford)), postcode="SE16 2XY")
    return {
        "catford": catford,
        "rushey": rushey,
        "bellingham": bellingham,
        "evelyn": evelyn,
        "rushey_tra": tra_for(rushey, name="Rushey Mead TRA", slug="rushey-mead-tra"),
        "evelyn_tra": tra_for(
            evelyn, name="Evelyn Gardens TRA", slug="evelyn-gardens-tra", status=RecognitionStatus.LAPSED
        ),
    }


def _page(client, **query):
    response = client.get(DIRECTORY, query)
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_every_estate_by_ward_with_its_tra_and_recognition(client, places):
    page = _page(client)

    assert page.index("Catford South ward") < page.index("Evelyn ward")
    assert "Rushey Mead TRA" in page and "Evelyn Gardens TRA" in page
    assert "Recognised" in page and "Lapsed" in page
    assert reverse("tenants_associations:detail", kwargs={"slug": "rushey-mead-tra"}) in page


def test_estates_with_no_tra_say_so_and_invite_residents_to_start_one(client, places):
    page = _page(client, estate=places["bellingham"].pk)

    assert "No TRA yet" in page
    assert "Register interest in starting one" in page
    assert reverse("tenants_associations:start") in page


def test_it_filters_by_ward(client, places):
    page = _page(client, ward=places["catford"].pk)

    assert "Rushey Mead TRA" in page and "Bellingham Green" in page
    assert "Evelyn Gardens</dt>" not in page
    assert "2 estates found" in page


def test_it_filters_by_estate(client, places):
    page = _page(client, estate=places["rushey"].pk)

    assert "1 estate found" in page
    assert "Rushey Mead TRA" in page
    assert "Bellingham Green</dt>" not in page


@pytest.mark.parametrize("typed", ["SE6 4RU", "se64ru", " se6  4ru "])
def test_a_full_postcode_finds_the_estate_of_the_homes_there(client, places, typed):
    page = _page(client, postcode=typed)

    assert "1 estate found for SE6 4RU" in page
    assert "Rushey Mead TRA" in page
    assert "Bellingham Green</dt>" not in page


@pytest.mark.parametrize("typed", ["SE6", "se6"])
def test_the_first_part_of_a_postcode_finds_every_estate_in_that_district(client, places, typed):
    page = _page(client, postcode=typed)

    assert "2 estates found for SE6" in page
    assert "Rushey Mead</dt>" in page and "Bellingham Green</dt>" in page
    # SE6 is not SE16.
    assert "Far Away</dt>" not in page


def test_a_postcode_sector_narrows_the_district(client, places):
    page = _page(client, postcode="SE6 3")

    assert "1 estate found for SE6 3" in page
    assert "Bellingham Green</dt>" in page


def test_a_postcode_with_no_council_homes_says_what_to_do(client, places):
    page = _page(client, postcode="SE9 1AA")

    assert "We could not find any council homes in SE9 1AA" in page


def test_something_that_is_not_a_postcode_gets_an_error_next_to_the_field_and_is_kept(client, places):
    page = _page(client, postcode="Catford!")

    assert "There is a problem" in page
    assert "Enter a full postcode, like SE6 4RU, or the first part of one, like SE6" in page
    assert 'value="Catford!"' in page
    assert page.count("govuk-error-message") == 1


def test_a_tra_covering_only_some_blocks_says_which(client, places):
    block_tra = tra_for(places["bellingham"], name="Randlesdown Residents", slug="randlesdown")
    block_tra.estates.clear()
    block_tra.blocks.add(places["bellingham"].blocks.get())

    page = _page(client, estate=places["bellingham"].pk)

    assert "Randlesdown Residents" in page
    assert "Covers Randlesdown House only" in page
    assert "No TRA yet" not in page


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("SE6 4RU", ("SE6 4RU", True)),
        ("br14ab", ("BR1 4AB", True)),
        ("SE6", ("SE6", False)),
        ("ec1a", ("EC1A", False)),
        ("se6 4", ("SE6 4", False)),
    ],
)
def test_postcodes_and_their_first_parts_are_normalised(typed, expected):
    found = postcode_search(typed)

    assert (found.text, found.exact) == expected


@pytest.mark.parametrize("typed", ["SE", "6RU", "SE6 4RUX", "hello", "SE6 44"])
def test_things_that_are_not_postcodes_are_refused(typed):
    with pytest.raises(ValidationError):
        postcode_search(typed)


def test_the_directory_takes_the_same_number_of_queries_for_5_or_50_estates(client, django_assert_max_num_queries):
    ward = WardFactory()

    def add_estates(count):
        for _ in range(count):
            estate = EstateFactory(ward=ward)
            HomeFactory(block=BlockFactory(estate=estate), postcode="SE6 1AB")
            tra_for(estate)
            partial = tra_for(EstateFactory(ward=ward))
            partial.blocks.add(BlockFactory(estate=estate))

    queries = ({}, {"postcode": "SE6"}, {"ward": ward.pk})
    add_estates(5)
    counts = []
    for query in queries:
        with django_assert_max_num_queries(20) as few:
            client.get(DIRECTORY, query)
        counts.append(len(few.captured_queries))
    add_estates(45)

    for query, count in zip(queries, counts, strict=True):
        with django_assert_max_num_queries(count):
            first = client.get(DIRECTORY, query)
        assert first.status_code == 200
        pages = [first.content.decode()]
        while 'rel="next"' in pages[-1]:
            pages.append(_page(client, **query, page=len(pages) + 1))
        assert sum(page.count("Covers ") for page in pages) == 50


def test_the_directory_shows_50_estates_a_page_and_pages_keep_the_search(client):
    ward = WardFactory(name="Bellingham")
    for number in range(60):
        EstateFactory(name=f"Estate {number:02d}", ward=ward)
    EstateFactory(name="Elsewhere Estate")

    first = _page(client, ward=ward.pk)

    assert "60 estates found" in first
    assert first.count("</dt>") == 50
    assert "Estate 00</dt>" in first and "Estate 49</dt>" in first and "Estate 50</dt>" not in first
    assert "Page 1 of 2" in first
    assert f'href="?ward={ward.pk}&amp;page=2"' in first
    second = _page(client, ward=ward.pk, page=2)
    assert "60 estates found" in second
    assert second.count("</dt>") == 10 and "Estate 59</dt>" in second and "Elsewhere Estate</dt>" not in second
    assert "Estates and their TRAs" in _page(client, page=2)


def test_a_tras_page_takes_the_same_number_of_queries_however_much_it_lists(client, django_assert_max_num_queries):
    from tenants_associations.tests.factories import CommitteeRoleFactory, TRADocumentFactory, TRAMeetingFactory

    tra = tra_for(EstateFactory())
    url = reverse("tenants_associations:detail", kwargs={"slug": tra.slug})

    def add(count):
        for _ in range(count):
            tra.estates.add(EstateFactory(ward=tra.ward))
            tra.blocks.add(BlockFactory())
            CommitteeRoleFactory(tra=tra, role="committee_member")
            TRAMeetingFactory(tra=tra)
            TRADocumentFactory(tra=tra)

    add(2)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    add(20)

    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("Committee member") == 22


def test_a_tras_committee_is_listed_chair_first(client, tra, secretary):
    from tenants_associations.tests.factories import CommitteeRoleFactory

    CommitteeRoleFactory(tra=tra, role="committee_member")
    CommitteeRoleFactory(tra=tra, role="chair")
    CommitteeRoleFactory(tra=tra, role="treasurer")

    page = client.get(reverse("tenants_associations:detail", kwargs={"slug": tra.slug})).content.decode()

    positions = [page.index(f">{label}</dt>") for label in ("Chair", "Secretary", "Treasurer", "Committee member")]
    assert positions == sorted(positions)


def test_a_search_puts_only_what_was_searched_for_in_the_address(client):
    page = client.get("/tenants-associations/").content.decode()

    form = page.split('<form method="get"')[1].split("</form>")[0]
    assert "csrfmiddlewaretoken" not in form
    assert 'name="submit"' not in form
    whats_on = client.get("/whats-on/").content.decode().split('<form method="get"')[1].split("</form>")[0]
    assert "csrfmiddlewaretoken" not in whats_on and 'name="submit"' not in whats_on


def test_the_directory_shows_a_change_at_once_though_it_keeps_the_list_it_wrote(client, places):
    assert "Randlesdown House" not in _page(client)

    newcomer = tra_for(places["evelyn"], name="Randlesdown TRA", slug="randlesdown-tra")
    newcomer.estates.clear()
    newcomer.blocks.add(places["bellingham"].blocks.get())
    page = _page(client)
    assert "Randlesdown TRA" in page and "Covers Randlesdown House only" in page

    assert "Lapsed" in page
    places["evelyn_tra"].status = RecognitionStatus.RECOGNISED
    places["evelyn_tra"].save()
    places["evelyn"].name = "Evelyn Gardens North"
    places["evelyn"].save()
    page = _page(client)
    assert "Evelyn Gardens North" in page
    assert "Lapsed" not in page
