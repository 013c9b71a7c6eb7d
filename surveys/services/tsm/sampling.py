"""Who is asked the TSM survey: every household (a census), or a random sample stratified by tenure group
(LCRA, LCHO) and estate, big enough for the margin of error the stock calls for.

The responses needed come from surveys/tsm/statistics.py; how many to invite is that divided by the
response rate the officer expects. Each group's invitations are shared between its estates in proportion
to their homes (largest remainders), and drawn at random within each estate, so every household in a
group has the same chance of being asked and every estate is represented.
"""

import math
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from engagement.models import Tenancy, TsmStockGroup, tsm_stock_group
from surveys.models import Survey, TsmSampleMember, TsmSurvey
from surveys.services.tsm.setup import TSM_TENURES
from surveys.tsm.statistics import SampleSize, sample_size


@dataclass(frozen=True)
class GroupPlan:
    group: str
    label: str
    homes: int
    size: SampleSize
    to_invite: int


def tsm_sample_plan(tsm: TsmSurvey) -> list[GroupPlan]:
    """For each tenure group: its homes, the responses it needs (and how that was worked out), whom to invite."""
    plans = []
    for group in TsmStockGroup:
        homes = tsm.homes(group)
        size = sample_size(homes, tsm.margin(group))
        if tsm.method == TsmSurvey.Method.CENSUS:
            to_invite = homes
        else:
            to_invite = min(homes, math.ceil(size.required * 100 / tsm.expected_response_rate))
        plans.append(GroupPlan(group, group.label, homes, size, to_invite))
    return plans


def _allocate(total: int, sizes: dict) -> dict:
    """Share `total` between strata in proportion to their sizes, by largest remainder."""
    whole = sum(sizes.values())
    if not whole:
        return dict.fromkeys(sizes, 0)
    exact = {key: total * size / whole for key, size in sizes.items()}
    shares = {key: math.floor(value) for key, value in exact.items()}
    left = total - sum(shares.values())
    for key in sorted(exact, key=lambda key: (shares[key] - exact[key], str(key)))[:left]:
        shares[key] += 1
    return shares


@transaction.atomic
def tsm_sample_draw(*, tsm: TsmSurvey, seed: int | None = None) -> dict[str, int]:
    """Draw the stratified random sample (again, if no one has been invited yet). Returns households per group."""
    if tsm.method != TsmSurvey.Method.STRATIFIED_SAMPLE:
        raise ValueError("A census invites every household: there is no sample to draw.")
    if tsm.survey.invitations.exists():
        raise ValueError("Invitations have gone out, so the sample cannot be drawn again.")
    rng = random.Random(seed)
    strata: dict[tuple[str, int | None], list[int]] = {}
    rows = Tenancy.objects.filter(tenure_type__in=TSM_TENURES).order_by("pk")
    for tenancy_id, tenure, estate_id in rows.values_list("pk", "tenure_type", "home__block__estate_id"):
        strata.setdefault((tsm_stock_group(tenure), estate_id), []).append(tenancy_id)
    TsmSampleMember.objects.filter(tsm_survey=tsm).delete()
    drawn = {}
    for plan in tsm_sample_plan(tsm):
        sizes = {key: len(ids) for key, ids in strata.items() if key[0] == plan.group}
        shares = _allocate(plan.to_invite, sizes)
        members = [
            TsmSampleMember(tsm_survey=tsm, tenancy_id=tenancy_id, stock_group=plan.group, estate_id=key[1])
            for key, share in shares.items()
            for tenancy_id in rng.sample(strata[key], share)
        ]
        TsmSampleMember.objects.bulk_create(members)
        drawn[plan.group] = len(members)
    tsm.sampled_at = timezone.now()
    tsm.save(update_fields=["sampled_at"])
    return drawn


def tsm_not_in_sample(survey: Survey):
    """For invitations: residents to leave out because their household was not drawn (None: leave no one out)."""
    tsm = TsmSurvey.objects.filter(survey=survey, method=TsmSurvey.Method.STRATIFIED_SAMPLE).first()
    if tsm is None:
        return None
    return ~Exists(TsmSampleMember.objects.filter(tsm_survey=tsm, tenancy=OuterRef("tenancy")))
