from django.db import migrations


def outcomes_to_closing_reports(apps, schema_editor):
    """An event's "what happened" text becomes (part of) its closing report, the one place it is now kept.

    What happens next stays empty: the page leaves it out, and an officer editing the report fills it in."""
    Event = apps.get_model("events", "Event")
    ClosingReport = apps.get_model("decisions", "ClosingReport")
    for event in Event.objects.exclude(outcome="").iterator():
        outcome = event.outcome.strip()
        report = ClosingReport.objects.filter(event=event).first()
        if report is None:
            ClosingReport.objects.create(event=event, what_was_raised=outcome, what_happens_next="")
        elif outcome not in report.what_was_raised:
            report.what_was_raised = f"{report.what_was_raised.strip()}\n\n{outcome}".strip()
            report.save(update_fields=["what_was_raised"])


def closing_reports_to_outcomes(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    ClosingReport = apps.get_model("decisions", "ClosingReport")
    for report in ClosingReport.objects.iterator():
        text = "\n\n".join(part for part in [report.what_was_raised, report.what_happens_next] if part.strip())
        Event.objects.filter(pk=report.event_id).update(outcome=text)


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0003_closing_reports_and_action_plans"),
        ("events", "0011_event_reminder_round_removed"),
    ]

    operations = [
        migrations.RunPython(outcomes_to_closing_reports, closing_reports_to_outcomes),
    ]
