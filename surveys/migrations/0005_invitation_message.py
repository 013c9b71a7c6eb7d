import django.db.models.deletion
from django.db import migrations, models
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat


def link_earlier_invitations(apps, schema_editor):
    # Invitations recorded one by one were keyed "surveys.invitation:<invitation id>".
    Invitation = apps.get_model("surveys", "Invitation")
    Message = apps.get_model("messaging", "Message")
    key = Concat(Value("surveys.invitation:"), Cast(OuterRef("pk"), CharField()))
    Invitation.objects.update(message=Subquery(Message.objects.filter(idempotency_key=key).values("pk")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0002_outbox_scheduling_claims_print_room_councillors"),
        ("surveys", "0004_you_said_we_did_became_decisions"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="message",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="survey_invitation",
                to="messaging.message",
            ),
        ),
        migrations.RunPython(link_earlier_invitations, migrations.RunPython.noop),
    ]
