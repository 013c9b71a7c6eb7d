"""Outcomes of task and finish panels: recommendations, the council's response, published and told to members."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from engagement.messaging.models import Message
from panels.models import Recommendation
from panels.services.records import membership_end, recommendations_publish
from panels.tests.factories import MembershipFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


def _responded(panel, number, response, reasons="Because it makes homes safer."):
    return RecommendationFactory(
        panel=panel, number=number, response=response, response_reasons=reasons, responded_on=date(2026, 5, 1)
    )


def test_a_response_needs_its_reasons_and_date():
    recommendation = RecommendationFactory.build(response=Recommendation.Response.NOT_ACCEPTED)

    with pytest.raises(ValidationError) as error:
        recommendation.clean()

    assert error.value.message_dict == {
        "response_reasons": ["Give the council's reasons for its response"],
        "responded_on": ["Enter the date the council responded"],
    }


def test_publishing_shows_each_response_with_its_reasons_and_leaves_unanswered_ones_out(client, damp_panel):
    _responded(damp_panel, 1, Recommendation.Response.ACCEPTED, "We will inspect within 10 working days from June.")
    _responded(damp_panel, 2, Recommendation.Response.NOT_ACCEPTED, "The budget is committed until 2027.")
    RecommendationFactory(panel=damp_panel, number=3, text="Give every resident a hygrometer.")
    url = reverse("panels:detail", kwargs={"slug": damp_panel.slug})

    before = client.get(url).content.decode()
    published = recommendations_publish(panel=damp_panel)
    after = client.get(url).content.decode()

    assert published == 2
    assert 'id="outcomes"' not in before and 'id="outcomes"' in after
    assert "We will inspect within 10 working days from June." in after
    assert "Not accepted" in after and "The budget is committed until 2027." in after
    assert "Give every resident a hygrometer." not in after


def test_everyone_who_sat_on_the_panel_is_told_once(
    damp_panel, resident, other_resident, django_capture_on_commit_callbacks
):
    MembershipFactory(panel=damp_panel, resident=resident)
    former = MembershipFactory(panel=damp_panel, resident=other_resident)
    membership_end(membership=former, on=timezone.localdate(), reason="Panel finished")
    _responded(damp_panel, 1, Recommendation.Response.PARTLY_ACCEPTED)

    with django_capture_on_commit_callbacks(execute=True):
        recommendations_publish(panel=damp_panel)
        again = recommendations_publish(panel=damp_panel)

    told = Message.objects.filter(template="panels.outcomes_published")
    assert again == 0
    assert {message.resident for message in told} == {resident, other_resident}
    assert all(message.status == Message.Status.SENT for message in told)
    assert told.first().personalisation["panel_url"].endswith(f"/panels/{damp_panel.slug}/#outcomes")


def test_a_later_response_is_published_and_told_separately(damp_panel, resident):
    MembershipFactory(panel=damp_panel, resident=resident)
    _responded(damp_panel, 1, Recommendation.Response.ACCEPTED)
    recommendations_publish(panel=damp_panel)
    _responded(damp_panel, 2, Recommendation.Response.ACCEPTED)

    recommendations_publish(panel=damp_panel)

    assert Message.objects.filter(template="panels.outcomes_published", resident=resident).count() == 2


def test_officers_publish_outcomes_from_the_panels_list_in_admin(client, officer, damp_panel, resident):
    MembershipFactory(panel=damp_panel, resident=resident)
    _responded(damp_panel, 1, Recommendation.Response.ACCEPTED)
    client.force_login(officer)

    response = client.post(
        reverse("admin:panels_panel_changelist"),
        {"action": "publish_outcomes", "_selected_action": [damp_panel.pk]},
        follow=True,
    )

    assert "1 response(s) published and members told" in response.content.decode()
    assert Recommendation.objects.get().published_at is not None


def test_a_published_response_cannot_be_changed_or_deleted_in_admin(client, rf, officer, damp_panel):
    from django.contrib import admin

    from panels.admin.panels import RecommendationInline

    recommendation = _responded(damp_panel, 1, Recommendation.Response.ACCEPTED, "We will do it from June.")
    recommendations_publish(panel=damp_panel)
    request = rf.post("/")
    request.user = officer
    FormSet = RecommendationInline(type(damp_panel), admin.site).get_formset(request, damp_panel)
    prefix = FormSet.get_default_prefix()
    posted = {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-0-id": recommendation.pk,
        f"{prefix}-0-panel": damp_panel.pk,
        f"{prefix}-0-number": "1",
        f"{prefix}-0-text": "Something else",
        f"{prefix}-0-made_on": "2026-04-01",
        f"{prefix}-0-response": "not_accepted",
        f"{prefix}-0-response_reasons": "Changed our mind",
        f"{prefix}-0-responded_on": "2026-06-01",
        f"{prefix}-0-DELETE": "on",
    }

    formset = FormSet(posted, instance=damp_panel)
    assert formset.is_valid(), formset.errors
    formset.save()

    recommendation.refresh_from_db()
    assert (recommendation.response, recommendation.response_reasons) == ("accepted", "We will do it from June.")
    client.force_login(officer)
    page = client.get(reverse("admin:panels_panel_change", args=[damp_panel.pk])).content.decode()
    assert "Published and told to the panel" in page
