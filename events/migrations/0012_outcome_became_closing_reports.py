from django.db import migrations


class Migration(migrations.Migration):
    # What happened at an event now lives only in its closing report (moved there first).
    dependencies = [
        ("decisions", "0004_event_outcomes_became_closing_reports"),
        ("events", "0011_event_reminder_round_removed"),
    ]

    operations = [migrations.RemoveField(model_name="event", name="outcome")]
