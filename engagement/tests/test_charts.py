"""Server-drawn charts: the scale they choose, where they put things, and the table that goes with them."""

import re

import pytest
from django.template.loader import render_to_string

from engagement.charts import WIDTH, Reference, bar_chart, figure_text, line_chart, nice_scale


@pytest.mark.parametrize(
    ("highest", "whole", "expected"),
    [
        (40, False, (40, 10)),
        (23.5, False, (30, 10)),
        (7, False, (8, 2)),
        (9, True, (9, 3)),
        (3, True, (3, 1)),
        (0.7, False, (0.8, 0.2)),
        (100, False, (100, 25)),
        (1234, False, (1500, 500)),
        (0, False, (1, 0.25)),
        (0, True, (1, 1)),
    ],
)
def test_the_axis_ends_on_a_round_number_at_or_above_the_highest_figure(highest, whole, expected):
    assert nice_scale(highest, whole=whole) == pytest.approx(expected)


def test_counts_of_people_have_no_gridline_between_whole_numbers():
    top, step = nice_scale(9, whole=True)
    assert step == int(step)
    assert top >= 9


def test_figures_read_as_whole_numbers_or_to_one_place():
    assert figure_text(12) == "12"
    assert figure_text(12.26) == "12.3"
    assert figure_text(70.0, "%") == "70%"
    assert figure_text(1500) == "1,500"
    assert figure_text(None) == "–"


def test_bars_are_as_long_as_their_share_of_the_axis():
    chart = bar_chart(
        "Involved per 100 homes",
        [("Crossfields", 20), ("Pepys", 5)],
        category_heading="Estate",
        value_heading="Per 100",
    )
    crossfields, pepys = chart.bars
    assert chart.ticks[-1].value == 20
    assert crossfields.width == pytest.approx(chart.plot_right - chart.plot_left)
    assert pepys.width == pytest.approx(crossfields.width / 4, abs=0.1)


def test_the_reference_line_is_inside_the_scale_even_above_every_bar():
    chart = bar_chart(
        "Involved per 100 homes",
        [("Pepys", 3)],
        category_heading="Estate",
        value_heading="Per 100",
        reference=Reference(12, "under-reached: fewer than 12 per 100 homes"),
    )
    assert chart.ticks[-1].value >= 12
    assert chart.plot_left < chart.reference_position <= chart.plot_right
    assert "under-reached: fewer than 12 per 100 homes at 12" in chart.description


def test_a_missing_figure_draws_no_bar_and_says_why():
    chart = bar_chart(
        "Involved",
        [("Honor Oak", None), ("Pepys", 4)],
        category_heading="Estate",
        value_heading="Involved",
        texts={"Honor Oak": "fewer than 5"},
    )
    honor_oak, _ = chart.bars
    assert honor_oak.width == 0
    assert honor_oak.text == "fewer than 5"


def test_a_long_bar_carries_its_figure_on_its_end_so_it_stays_in_the_picture():
    chart = bar_chart("Involved", [("A", 100), ("B", 10)], category_heading="Estate", value_heading="Involved")
    long, short = chart.bars
    assert long.inside and long.text_x < WIDTH
    assert not short.inside


def test_lines_rise_with_their_figures_and_break_where_there_is_none():
    chart = line_chart("Attendance", ["Jan", "Feb", "Mar", "Apr"], {"Surgery": [2, 4, None, 8]}, value_heading="Came")
    (line,) = chart.lines
    jan, feb, mar, apr = line.points
    assert jan.y > feb.y > apr.y  # SVG's y runs downwards
    assert jan.x < feb.x < apr.x
    assert mar.marker == ""
    assert line.path.count("M") == 2  # a new stroke after the gap
    assert "Came: 2 in Jan, 8 in Apr." in chart.description


def test_percentages_can_keep_the_whole_scale():
    chart = line_chart("TP01", ["2024/25", "2025/26"], {"TP01": [61.0, 70.4]}, unit="%", top=100)
    assert [tick.text for tick in chart.ticks] == ["0%", "25%", "50%", "75%", "100%"]


def test_lines_are_told_apart_by_more_than_colour():
    chart = line_chart("Attendance", ["Jan", "Feb"], {"A": [1, 2], "B": [2, 1], "C": [0, 1]})
    styles = [line.style for line in chart.lines]
    assert len({style.dash for style in styles}) == 3
    assert len({style.marker for style in styles}) == 3
    assert "(dashed line, square markers)" in chart.description


def test_more_lines_than_can_be_told_apart_are_refused():
    with pytest.raises(ValueError, match="one chart each"):
        line_chart("Too many", ["Jan"], {name: [1] for name in "ABCDE"})


def test_period_names_stay_inside_the_picture_and_thin_out_when_crowded():
    periods = [f"Week {n} 2026" for n in range(1, 27)]
    chart = line_chart("Weekly", periods, {"Came": list(range(26))})
    shown = [period for _, period in chart.period_labels]
    assert periods[-1] in shown
    assert len(shown) < len(periods)
    assert all(0 < x < WIDTH for x, _ in chart.period_labels)


def _render(chart, **extra):
    return render_to_string("includes/chart.html", {"chart": chart, **extra})


def test_the_chart_is_one_labelled_picture_with_its_figures_in_a_table():
    chart = bar_chart(
        "Involved residents by estate",
        [("Crossfields", 12), ("Pepys", 3)],
        category_heading="Estate",
        value_heading="Involved",
        notes={"Pepys": "Under-reached"},
        reference=Reference(6, "under-reached"),
    )
    html = _render(chart)
    assert 'role="img"' in html
    assert f'aria-labelledby="{chart.key}-title {chart.key}-desc"' in html
    assert f'<desc id="{chart.key}-desc">Bar chart of 2 estate rows.' in html
    assert f'viewBox="0 0 {WIDTH} ' in html and 'width="100%"' in html
    rows = re.findall(r'<th scope="row" class="govuk-table__header">([^<]+)</th>\s*<td[^>]*>([^<]+)</td>', html)
    assert rows == [("Crossfields", "12"), ("Pepys", "3")]
    assert "Under-reached</td>" in html
    assert "The dashed line marks under-reached." in html


def test_the_chart_needs_no_style_element_nor_script_under_the_content_security_policy():
    html = _render(line_chart("Attendance", ["Jan", "Feb"], {"A": [1, 2], "B": [2, 1]}))
    assert "<style" not in html
    assert "<script" not in html
    assert not re.search(r"\son[a-z]+=", html)


def test_a_line_chart_table_has_a_column_per_line_and_a_row_per_period():
    html = _render(line_chart("Attendance", ["Jan", "Feb"], {"Crossfields": [1, None], "Pepys": [2, 1]}))
    assert re.search(r">Crossfields</th>\s*<th[^>]*>Pepys</th>", html)
    assert re.search(r">Jan</th>\s*<td[^>]*>1</td><td[^>]*>2</td>", html)
    assert re.search(r">Feb</th>\s*<td[^>]*>–</td><td[^>]*>1</td>", html)


def test_the_figures_can_fold_away_and_still_be_in_the_page():
    html = _render(bar_chart("Involved", [("A", 1)], category_heading="Estate", value_heading="n"), figures_folded=True)
    assert '<details class="govuk-details' in html
    assert "<table" in html


def test_an_empty_chart_says_there_are_no_figures_yet():
    chart = line_chart("Attendance", [], {"Came": []})
    assert chart.description.startswith("Line chart with no figures yet")
    assert "No figures yet." in _render(chart)


def test_a_long_label_wraps_onto_more_lines_and_pushes_the_next_bar_down():
    long = "TP03 Satisfaction with time taken to complete most recent repair"
    chart = bar_chart(
        "TSMs", [(long, 72), ("TP04 Home well maintained", 70)], category_heading="Measure", value_heading="%"
    )
    first, second = chart.bars

    assert len(first.label_lines) == 2
    assert " ".join(line for _, line in first.label_lines) == long
    assert len(second.label_lines) == 1
    assert second.label_lines[0][0] > first.bar_y + chart.bar_height
    assert chart.plot_bottom > second.bar_y + chart.bar_height
    assert ">complete most recent repair</text>" in _render(chart)
