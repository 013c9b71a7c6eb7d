import factory

from engagement.decisions.models import Decision, Topic


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    title = factory.Sequence(lambda n: f"Decision {n}")
    you_said = "Stairwells were not being cleaned often enough."
    we_did = "Caretakers now clean every stairwell every Tuesday, and we check it."
    topic = Topic.ESTATE
