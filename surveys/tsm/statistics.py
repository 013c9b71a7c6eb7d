"""Sample sizes and margins of error for the tenant perception survey, at 95% confidence.

For a proportion p from n responses out of N homes, the margin of error is
    z × √(p(1 − p) / n) × √((N − n) / (N − 1))          (the last factor: the finite population correction)
and the responses needed for a margin e are
    n₀ = z² p(1 − p) / e²,   n = n₀ / (1 + (n₀ − 1) / N),   rounded up,
with p = 0.5 (the widest margin, so the sample is big enough whatever the answers). A census is the same
with every home invited: the margin depends on the responses, not on how many were asked.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

Z_95 = 1.96
WIDEST_P = 0.5

# The accuracy to aim for, by the number of homes in the group (LCRA or LCHO), as percentage points either way:
# the default officers start from, and can change on the survey. These bands are our reading of the survey
# requirements' table of statistical accuracy, which the stored copies did not include in full; the ±4 band
# agrees with a landlord's published figure (554 responses from 7,271 homes).
MARGIN_BY_STOCK = ((2_500, Decimal("5")), (25_000, Decimal("4")), (None, Decimal("3")))


def target_margin(homes: int) -> Decimal:
    for below, margin in MARGIN_BY_STOCK:
        if below is None or homes < below:
            return margin
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class SampleSize:
    """The responses a group of homes needs, with everything that went into the figure, to show."""

    homes: int
    margin: Decimal
    confidence: str
    z: float
    p: float
    unadjusted: float
    adjusted: float
    required: int

    @property
    def formula(self) -> str:
        return (
            f"n₀ = {self.z}² × {self.p} × (1 − {self.p}) ÷ {self.margin / 100}² = {self.unadjusted:,.1f}; "
            f"n = n₀ ÷ (1 + (n₀ − 1) ÷ {self.homes:,}) = {self.required:,}"
        )


def sample_size(homes: int, margin: Decimal | float, *, z: float = Z_95, p: float = WIDEST_P) -> SampleSize:
    """The responses needed from `homes` homes for ± `margin` percentage points at 95% confidence."""
    margin = Decimal(str(margin))
    e = float(margin) / 100
    unadjusted = z * z * p * (1 - p) / (e * e)
    adjusted = 0.0 if homes <= 0 else unadjusted / (1 + (unadjusted - 1) / homes)
    # Rounded up: the margin must be met, not just missed.
    return SampleSize(homes, margin, "95%", z, p, unadjusted, adjusted, min(math.ceil(adjusted), homes))


def margin_of_error(
    positive: int | float, base: int | float, homes: int | None = None, *, z: float = Z_95
) -> float | None:
    """Percentage points either way for `positive` out of `base` responses, from `homes` homes if known.

    None when nothing was answered. With every home answering there is no sampling error at all.
    """
    if not base:
        return None
    p = positive / base
    error = z * math.sqrt(p * (1 - p) / base)
    if homes and homes > 1:
        error *= math.sqrt(max(homes - base, 0) / (homes - 1))
    return 100 * error


def widest_margin(responses: int, homes: int | None = None) -> float | None:
    """The margin of error for a 50% result: the figure to quote for a survey as a whole."""
    return margin_of_error(WIDEST_P * responses, responses, homes)
