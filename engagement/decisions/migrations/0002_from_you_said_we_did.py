"""Each "you said, we did" entry becomes a decision, with its survey (or where residents told us) as a source."""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    YouSaidWeDid = apps.get_model("surveys", "YouSaidWeDid")
    Decision = apps.get_model("decisions", "Decision")
    DecisionSource = apps.get_model("decisions", "DecisionSource")
    DecisionStatusChange = apps.get_model("decisions", "DecisionStatusChange")
    for entry in YouSaidWeDid.objects.order_by("pk").iterator():
        # What was published says what was done.
        decision = Decision.objects.create(
            title=entry.title,
            you_said=entry.you_said,
            we_did=entry.we_did,
            status="done",
            link_url=entry.link_url,
            link_text=entry.link_text,
            published_at=entry.published_at,
            created_by_id=entry.created_by_id,
        )
        Decision.objects.filter(pk=decision.pk).update(created_at=entry.created_at)
        if entry.survey_id:
            DecisionSource.objects.create(decision=decision, survey_id=entry.survey_id, note=entry.source_title)
        elif entry.source_title:
            DecisionSource.objects.create(decision=decision, note=entry.source_title)
        DecisionStatusChange.objects.create(
            decision=decision,
            status="done",
            changed_on=timezone.localdate(entry.published_at or entry.created_at),
            changed_by_id=entry.created_by_id,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0001_initial"),
        ("surveys", "0003_one_answer_per_home"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
