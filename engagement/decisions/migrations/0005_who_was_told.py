from django.db import migrations, models


def link_messages_already_sent(apps, schema_editor):
    """Messages sent before the link existed name their status change in their key: read it this once."""
    Message = apps.get_model("messaging", "Message")
    DecisionStatusChange = apps.get_model("decisions", "DecisionStatusChange")
    Told = DecisionStatusChange.told.through
    changes = set(DecisionStatusChange.objects.values_list("pk", flat=True))
    links = []
    keys = Message.objects.filter(template="decisions.update").values_list("pk", "idempotency_key")
    for message_id, key in keys.iterator():
        parts = key.split(":")  # decisions.update:<decision>:<status change>:<who>
        if len(parts) == 4 and parts[2].isdigit() and int(parts[2]) in changes:
            links.append(Told(decisionstatuschange_id=int(parts[2]), message_id=message_id))
    Told.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0004_event_outcomes_became_closing_reports"),
        ("messaging", "0003_letters_print_their_subject"),
    ]

    operations = [
        migrations.AddField(
            model_name="decisionstatuschange",
            name="told",
            field=models.ManyToManyField(
                blank=True,
                related_name="decision_changes",
                to="messaging.message",
                verbose_name="messages telling contributors",
            ),
        ),
        migrations.RunPython(link_messages_already_sent, migrations.RunPython.noop),
    ]
