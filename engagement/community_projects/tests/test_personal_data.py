"""A resident's ideas and choices in their data download, and out of the words when they are erased."""

import pytest

from engagement.community_projects.models import Vote
from engagement.community_projects.personal_data import community_projects_erase, proposals_and_choices
from engagement.community_projects.tests.factories import ProposalFactory, RoundFactory
from engagement.redaction import Redactor

pytestmark = pytest.mark.django_db


def test_a_resident_downloads_the_ideas_they_proposed_and_what_their_home_chose(resident):
    round = RoundFactory(year=2031)
    idea = ProposalFactory(round=round, title="Planters", proposed_by=resident)
    Vote.objects.create(round=round, tenancy=resident.tenancy, resident=resident).projects.set([idea])

    proposed, chose = proposals_and_choices(resident)

    assert (proposed["round"], proposed["proposed"], proposed["status"]) == (
        "Community projects 2031",
        "Planters",
        "Published",
    )
    assert chose["chose"] == "Planters" and chose["chosen_at"] is not None


def test_erasing_a_resident_takes_their_name_out_of_the_ideas(resident):
    idea = ProposalFactory(proposed_by=resident, what=f"Ask {resident.full_name} at number 4 for the keys")

    community_projects_erase(resident, Redactor.for_resident(resident))

    idea.refresh_from_db()
    assert resident.full_name not in idea.what
