import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_issue_categories"),
        ("panels", "0003_meetings_become_events"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="panelmeeting",
            options={
                "ordering": ["-event__starts_at"],
                "permissions": [("approve_minutes", "Can approve a panel meeting's minutes for publication")],
            },
        ),
        migrations.RemoveField(model_name="panelmeeting", name="ends_at"),
        migrations.RemoveField(model_name="panelmeeting", name="format"),
        migrations.RemoveField(model_name="panelmeeting", name="online_joining_link"),
        migrations.RemoveField(model_name="panelmeeting", name="place"),
        migrations.RemoveField(model_name="panelmeeting", name="starts_at"),
        migrations.AlterField(
            model_name="panelmeeting",
            name="event",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT, related_name="panel_meeting", to="events.event"
            ),
        ),
    ]
