import io

import pytest
from django.core.management import call_command

from engagement.decisions.models import Decision
from surveys.models import Response, Survey, Topic

pytestmark = pytest.mark.django_db


def test_the_demo_data_loads_twice_without_changing_anything(client):
    call_command("load_demo", stdout=io.StringIO())
    counts = [Survey.objects.count(), Response.objects.count(), Decision.objects.count(), Topic.objects.count()]
    call_command("load_demo", stdout=io.StringIO())

    assert [
        Survey.objects.count(),
        Response.objects.count(),
        Decision.objects.count(),
        Topic.objects.count(),
    ] == counts
    assert counts[0] == 4 and counts[1] >= 8
    assert "Repair appointments you can choose" in client.get("/you-said-we-did/").content.decode()
    assert client.get("/community-projects/").status_code == 200
    satisfaction = client.get("/sounding-board/tenant-satisfaction/").content.decode()
    assert "Year on year" in satisfaction and "±" in satisfaction and "Low-cost home ownership (LCHO)" in satisfaction
