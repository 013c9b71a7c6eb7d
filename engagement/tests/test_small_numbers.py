"""Which figures to withhold: none that is small, and none that subtraction from the total would give back."""

from itertools import product

import pytest

from engagement.small_numbers import SMALL_GROUP, figures_to_withhold


def shown(counts, **options):
    withheld = figures_to_withhold(counts, **options)
    return [None if position in withheld else count for position, count in enumerate(counts)]


def test_nothing_is_withheld_when_every_figure_is_big_enough_or_zero():
    assert shown([12, 5, 0, 30]) == [12, 5, 0, 30]


def test_a_small_figure_is_not_given_back_by_the_total_less_the_others():
    # 7 responses: 5 online, 0 by phone, 2 by letter. Hiding the 2 alone leaves 7 - 5 - 0 = 2.
    assert shown([5, 0, 2]) == [None, None, None]


def test_the_next_smallest_figures_go_with_it_until_their_sum_is_not_a_small_group():
    assert shown([40, 3, 9, 6]) == [40, None, 9, None]
    assert shown([40, 1, 2, 30]) == [40, None, None, None]


def test_a_zero_is_withheld_where_it_would_say_something_about_people():
    assert shown([6, 0, 3], zero_is_small=True) == [None, None, None]
    assert shown([20, 0, 3, 9], zero_is_small=True) == [20, None, None, None]


def test_two_small_figures_are_withheld_together_with_enough_to_hide_both():
    assert shown([50, 2, 2]) == [None, None, None]
    assert shown([50, 8, 2, 2]) == [50, None, None, None]


def test_when_everything_is_small_everything_is_withheld():
    assert shown([1, 2, 1]) == [None, None, None]


@pytest.mark.parametrize("zero_is_small", [False, True])
def test_no_withheld_figure_can_be_worked_out_from_the_total_and_the_rest(zero_is_small):
    """Every line of four figures from 0 to 7. Knowing the total and the figures shown, the withheld ones
    are known only by their sum; with two or more of them and a sum of at least SMALL_GROUP, each could be
    anything from 0 to that sum, and the sum is not itself a small group. Only a line too small as a
    whole is withheld entirely with less."""
    for counts in product(range(8), repeat=4):
        withheld = figures_to_withhold(counts, zero_is_small=zero_is_small)
        small = {p for p, n in enumerate(counts) if n < SMALL_GROUP and (n > 0 or zero_is_small)}
        assert small <= withheld, counts
        if not withheld or len(withheld) == len(counts):
            continue
        hidden_sum = sum(counts[p] for p in withheld)
        assert len(withheld) >= 2 and hidden_sum >= SMALL_GROUP, counts
        # The figures withheld with the small ones are the smallest of the rest: the fewest people hidden.
        if withheld - small:
            assert min(counts[p] for p in range(len(counts)) if p not in withheld) >= max(
                counts[p] for p in withheld - small
            ), counts
