import pytest

from engagement.ballots.services import register_compile, voting_letters_send
from engagement.ballots.tests.factories import BallotFactory, SchemeFactory
from engagement.messaging.models import Message
from engagement.tests.factories import BlockFactory, EstateFactory, HomeFactory, ResidentFactory, TenancyFactory


@pytest.fixture
def open_ballot(db):
    """An open ballot on one estate with three council tenants on its register, each sent a code by letter."""
    estate = EstateFactory(name="Achilles Street")
    ballot = BallotFactory(scheme=SchemeFactory(name="Achilles Street regeneration", estates=[estate]))
    for name in ("Ada", "Bo", "Cy"):
        ResidentFactory(first_name=name, tenancy=TenancyFactory(home=HomeFactory(block=BlockFactory(estate=estate))))
    register_compile(ballot=ballot)
    voting_letters_send(ballot=ballot)
    return ballot


def codes_of(ballot) -> dict[str, str]:
    """Each voter's code, read from the letter sent to them (the only place it is kept)."""
    letters = Message.objects.filter(batch=ballot.letters).select_related("resident")
    return {letter.resident.first_name: letter.personalisation["voting_code"] for letter in letters}
