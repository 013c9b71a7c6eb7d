"""The migration that turned "you said, we did" into decisions: every entry kept, its survey a source."""

import pytest
from django.utils import timezone

from engagement.decisions.models import Decision
from engagement.tests.migrations import latest, migrate
from surveys.tests.factories import SurveyFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("back_to_the_latest_schema")]

BEFORE = [("surveys", "0003_one_answer_per_home"), ("decisions", "0001_initial")]


def test_each_entry_becomes_a_published_decision_with_its_survey_or_its_source_named():
    survey = SurveyFactory(title="Caretaking")
    old = migrate(BEFORE)
    entries = old.get_model("surveys", "YouSaidWeDid").objects
    published = timezone.now()
    entries.create(title="Stairs", you_said="Dirty", we_did="Cleaned", survey_id=survey.pk, published_at=published)
    entries.create(title="Damp", you_said="Slow", we_did="Faster", source_title="Damp and mould panel")

    migrate(latest())

    stairs, damp = Decision.objects.order_by("pk")
    assert (stairs.title, stairs.status, stairs.published_at) == ("Stairs", "done", published)
    assert stairs.sources.get().survey_id == survey.pk
    assert damp.published_at is None and damp.sources.get().public_label == "Damp and mould panel"
    assert [change.status for change in stairs.history.all()] == ["done"]


def test_each_events_what_happened_text_moves_into_its_closing_report():
    from events.tests.factories import EventFactory

    held, reported, silent = EventFactory.create_batch(3)
    old = migrate(
        [("decisions", "0003_closing_reports_and_action_plans"), ("events", "0011_event_reminder_round_removed")]
    )
    events = old.get_model("events", "Event").objects
    events.filter(pk=held.pk).update(outcome="About 60 came.\nMinutes to follow.")
    events.filter(pk=reported.pk).update(outcome="Lights fixed.")
    old.get_model("decisions", "ClosingReport").objects.create(
        event_id=reported.pk, what_was_raised="Dark stairs.", what_happens_next="Checks monthly."
    )

    migrate(latest())

    from engagement.decisions.models import ClosingReport

    reports = {report.event_id: report for report in ClosingReport.objects.all()}
    assert reports[held.pk].what_was_raised == "About 60 came.\nMinutes to follow."
    assert reports[reported.pk].what_was_raised == "Dark stairs.\n\nLights fixed."
    assert reports[reported.pk].what_happens_next == "Checks monthly."
    assert silent.pk not in reports


def test_messages_already_sent_about_a_decision_are_linked_to_the_status_change_they_told():
    from engagement.decisions.models import DecisionStatusChange
    from engagement.decisions.tests.factories import DecisionFactory
    from engagement.messaging.models import Message

    decision = DecisionFactory()
    change = DecisionStatusChange.objects.create(decision=decision, status="agreed")
    messaging = [node for node in latest() if node[0] == "messaging"]
    old = migrate([("decisions", "0004_event_outcomes_became_closing_reports"), *messaging])
    messages = old.get_model("messaging", "Message").objects
    common = {"template": "decisions.update", "channel": "email", "purpose": "service", "personalisation": {}}
    told = messages.create(idempotency_key=f"decisions.update:{decision.pk}:{change.pk}:7", **common)
    messages.create(idempotency_key="events.booking_confirmed:1", **common | {"template": "events.booking_confirmed"})

    migrate(latest())

    assert list(Message.objects.filter(decision_changes=change).values_list("pk", flat=True)) == [told.pk]
