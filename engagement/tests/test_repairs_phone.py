"""Pages that send residents to the repairs line give its number, from the REPAIRS_PHONE setting."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_issue_form_and_contact_us_give_the_repairs_line_number(client, resident, settings):
    settings.REPAIRS_PHONE = "0808 157 0000"
    client.force_login(resident.user)

    issue_form = client.get(reverse("events:issue_report")).content.decode()
    contact_us = client.get(reverse("contact_us")).content.decode()

    assert (
        'phone the repairs line instead on <a class="govuk-link" href="tel:08081570000">0808 157 0000</a>' in issue_form
    )
    assert "phone the repairs line instead on 0808 157 0000." in contact_us
