"""Officers check, cost, publish and track projects through the real admin."""

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from engagement.community_projects.models import Proposal, Round, Vote
from engagement.community_projects.tests.factories import ProposalFactory, RoundFactory, closed_round
from engagement.decisions.models import Decision
from engagement.partnerships.tests.factories import PartnerFactory
from engagement.tests.admin_forms import read_form
from engagement.tests.factories import TenancyFactory

pytestmark = pytest.mark.django_db


def test_an_officer_costs_an_idea_and_nothing_else_changes(officer_client, officer):
    idea = ProposalFactory(cost=None, feasible=None, moderation=Proposal.Moderation.APPROVED)
    before = model_to_dict(idea)
    url = f"/admin/community_projects/proposal/{idea.pk}/change/"
    data = read_form(officer_client.get(url).content.decode(), "proposal_form").post_data(submit="_save")

    data["feasible"] = ["false"]
    refused = officer_client.post(url, data)
    assert "Say why it cannot be done" in refused.content.decode()

    data.update(cost=["2500"], feasible=["true"])
    assert officer_client.post(url, data).status_code == 302

    idea.refresh_from_db()
    after = model_to_dict(idea)
    assert (after.pop("cost"), after.pop("feasible")) == (2500, True)
    before.pop("cost"), before.pop("feasible")
    assert after == before
    assert idea.costed_by == officer


def test_an_officer_does_not_publish_an_idea_without_a_reason(officer_client, officer):
    idea = ProposalFactory(moderation=Proposal.Moderation.WAITING)
    url = "/admin/community_projects/proposal/"
    shown = officer_client.post(url, {"action": "reject", "_selected_action": [idea.pk]})
    assert "Why it is not published" in shown.content.decode()
    officer_client.post(url, {"action": "reject", "_selected_action": [idea.pk], "apply": "1", "reason": "A repair"})

    idea.refresh_from_db()
    assert (idea.moderation, idea.rejected_reason, idea.moderated_by) == ("rejected", "A repair", officer)


def test_an_officer_publishes_the_results_then_records_delivery_and_the_decision_follows(officer_client):
    round = closed_round(budget=5_000)
    project = ProposalFactory(round=round, cost=3_000)
    Vote.objects.create(round=round, tenancy=TenancyFactory()).projects.set([project])

    change = f"/admin/community_projects/round/{round.pk}/change/"
    assert "Publish the results" in officer_client.get(change).content.decode()
    officer_client.post(f"/admin/community_projects/round/{round.pk}/action/publish_results/", {"confirm": "1"})
    round.refresh_from_db()
    assert round.results_published_at is not None

    url = f"/admin/community_projects/proposal/{project.pk}/change/"
    page = officer_client.get(url).content.decode()
    assert "DEC-" in page
    data = read_form(page, "proposal_form").post_data(submit="_save")
    data.update(delivery=["delivered"], delivered_on=["2026-11-20"], funding=["social_value"])
    refused = officer_client.post(url, data)
    assert "Choose the partner whose social value pays for it" in refused.content.decode()
    data["partner"] = [str(PartnerFactory(name="Wates").pk)]
    prefix = next(name for name in data if name.endswith("TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
    data[f"{prefix}-0-on"] = ["2026-11-20"]
    data[f"{prefix}-0-note"] = ["Planted and open"]
    response = officer_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    decision = Decision.objects.get(sources__project=project)
    assert decision.status == "done"
    assert [change.status for change in decision.history.all()] == ["agreed", "done"]
    assert project.updates.get().note == "Planted and open"
    page = officer_client.get(f"/community-projects/{round.year}/projects/{project.pk}/").content.decode()
    assert "Social value from Wates" in page and "Planted and open" in page


def test_the_rounds_and_projects_lists_read_the_same_queries_however_many(officer_client):
    round = RoundFactory()
    ProposalFactory(round=round)
    urls = ["/admin/community_projects/round/", "/admin/community_projects/proposal/"]

    def queries():
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert officer_client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    before = queries()
    for _ in range(4):
        ProposalFactory(round=RoundFactory())
    assert Round.objects.count() == 5
    assert queries() == before
