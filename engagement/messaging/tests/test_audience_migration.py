"""Saved audiences keep their contact-details filter when its key is renamed."""

import pytest

from engagement.messaging.audience import Audience, ContactDetails
from engagement.messaging.models import BulkSend
from engagement.tests.migrations import latest, migrate

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("back_to_the_latest_schema")]

BEFORE = [("messaging", "0003_letters_print_their_subject")]


def test_a_send_saved_for_residents_with_email_still_chooses_only_them():
    old = migrate(BEFORE)
    saved = old.get_model("messaging", "BulkSend").objects.create(
        template="bulk", description="Repairs day", audience={"estates": [1], "reach": "has_email"}
    )

    migrate(latest())

    audience = Audience.from_json(BulkSend.objects.get(pk=saved.pk).audience)
    assert (audience.estates, audience.contact_details) == ([1], ContactDetails.HAS_EMAIL)
