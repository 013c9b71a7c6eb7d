"""Small numbers: which figures in a table to withhold, so that nobody can be picked out.

A figure about fewer than SMALL_GROUP people is withheld (primary suppression). Where the table
also shows the total, that is not enough: with one figure hidden, the total less the others gives
it back (7 responses: 5 online, 0 by phone, so 2 by letter). So more figures are withheld with it
(secondary suppression) until no hidden figure can be worked out, nor a small group seen as the
difference. Survey results and the reach report's diversity table both use `figures_to_withhold`.
"""

from collections.abc import Sequence

SMALL_GROUP = 5


def figures_to_withhold(
    counts: Sequence[int], *, zero_is_small: bool = False, small_group: int = SMALL_GROUP
) -> set[int]:
    """The positions of the figures to withhold in a line of counts that add up to a total shown beside them.

    Primary: every count under `small_group`, other than a zero unless `zero_is_small` (a zero may
    itself say something about people, as "none of the 3 disabled residents took part" does).
    Secondary: while anything is withheld, the smallest of the rest is withheld too until at least
    two figures are, and together they come to at least `small_group`: then subtraction from the
    total gives only their sum, which is neither one of them nor a small group.
    """
    withheld = {
        position for position, count in enumerate(counts) if count < small_group and (count > 0 or zero_is_small)
    }
    if not withheld:
        return withheld
    shown = sorted((count, position) for position, count in enumerate(counts) if position not in withheld)
    while shown and (len(withheld) < 2 or sum(counts[position] for position in withheld) < small_group):
        _, position = shown.pop(0)
        withheld.add(position)
    return withheld
