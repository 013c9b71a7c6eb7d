"""Charts drawn on the server as inline SVG, each with the same figures in a table.

`bar_chart` compares things (estates, measures): one horizontal bar each, its label above it so
long names fit a phone. `line_chart` follows one or more figures over periods (quarters, years).
Either may carry a reference line ("under-reached below 12 per 100 homes").

Build a chart in a service or view and render it with
`{% include "includes/chart.html" with chart=chart %}`. Everything is worked out here (positions
in the SVG's own units, the axis scale, the figures as text), so the template only places it.

Why no charting library: the site's Content-Security-Policy allows no `<style>` element and no
inline script, and the libraries that draw SVG on the server put both in their output. The
accessibility rests on the table and the chart's title and description; here the SVG is a picture
of the table (`role="img"`), told apart by pattern and shape as well as colour.
"""

import math
from dataclasses import dataclass, field

from django.utils.text import slugify

# The SVG's own units: it scales to the width it is given, so on a 375px phone one unit is about
# 0.85 of a pixel and the 16-unit text about 14px.
WIDTH = 400
FONT_SIZE = 16
SMALL_FONT_SIZE = 14
MARGIN = 8
BAR_HEIGHT = 20

# GOV.UK Frontend's colours: blue and black have at least 3:1 against white (WCAG 1.4.11), and the
# lines are told apart by their dashes and markers too (1.4.1).
BAR_COLOUR = "#1d70b8"
TEXT_COLOUR = "#0b0c0c"
AXIS_COLOUR = "#505a5f"
GRID_COLOUR = "#b1b4b6"
REFERENCE_COLOUR = "#0b0c0c"


@dataclass(frozen=True)
class LineStyle:
    colour: str
    dash: str  # SVG stroke-dasharray; "" for a solid line
    marker: str  # circle, square, triangle or diamond
    pattern: str  # how the legend and description name it


LINE_STYLES = (
    LineStyle("#1d70b8", "", "circle", "solid line, round markers"),
    LineStyle("#0b0c0c", "8 4", "square", "dashed line, square markers"),
    LineStyle("#00703c", "2 4", "triangle", "dotted line, triangle markers"),
    LineStyle("#4c2c92", "10 4 2 4", "diamond", "dash-dot line, diamond markers"),
)


def nice_scale(highest: float, ticks: int = 4, *, whole: bool = False) -> tuple[float, float]:
    """The top of the axis and the step between its gridlines: round numbers at or above `highest`.

    The step is 1, 2, 2.5 or 5 times a power of ten, so that about `ticks` steps reach `highest`;
    `whole` (counts of people) keeps it a whole number: no gridline at 2.5 residents. Nothing above
    zero gives an axis of 0 to 1 (an empty chart still has a scale).
    """
    if highest <= 0:
        return (1.0, 1.0) if whole else (1.0, 1.0 / ticks)
    rough = highest / ticks
    power = 10 ** math.floor(math.log10(rough))
    for multiple in (1, 2, 2.5, 5, 10):
        step = multiple * power
        if whole and not float(step).is_integer():
            step = max(1, math.ceil(step))
        if step * ticks >= highest:
            break
    top = step * math.ceil(highest / step - 1e-9)
    return float(top), float(step)


def figure_text(value: float | None, unit: str = "") -> str:
    """12 → '12', 12.25 → '12.3', with the unit ('%') straight after; no figure → '–'."""
    if value is None:
        return "–"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{text}{unit}"


@dataclass(frozen=True)
class Reference:
    """A line across the chart at a value, and what it marks: 'under-reached: fewer than 12 per 100 homes'."""

    value: float
    label: str


@dataclass
class Tick:
    value: float
    text: str
    position: float  # x for bar charts, y for line charts
    anchor: str = "middle"  # SVG text-anchor: the end figures stay inside the picture
    text_x: float = 0
    text_y: float = 0


@dataclass
class Bar:
    label: str
    value: float | None
    text: str  # the figure as shown ("12", "40%", "withheld")
    note: str  # shown after the figure and in the table: "Under-reached"
    label_y: float  # the baseline of the label's last line
    bar_y: float
    width: float
    text_x: float
    figure_y: float
    inside: bool = False  # the figure is written on the end of the bar, in white
    label_lines: list[tuple[float, str]] = field(default_factory=list)  # (baseline, text): long labels wrap


@dataclass
class LinePoint:
    period: str
    value: float | None
    text: str
    x: float
    y: float
    marker: str = ""  # SVG path of the point's marker


def marker_path(shape: str, x: float, y: float, size: float = 5) -> str:
    """An SVG path for a marker centred on (x, y): circle, square, triangle or diamond."""
    r, big = size, size + 1
    paths = {
        "circle": f"M{x - r:g} {y:g}a{r:g} {r:g} 0 1 0 {2 * r:g} 0a{r:g} {r:g} 0 1 0 {-2 * r:g} 0Z",
        "square": f"M{x - r:g} {y - r:g}h{2 * r:g}v{2 * r:g}h{-2 * r:g}Z",
        "triangle": f"M{x:g} {y - big:g}L{x + big:g} {y + r:g}L{x - big:g} {y + r:g}Z",
        "diamond": f"M{x:g} {y - big:g}L{x + big:g} {y:g}L{x:g} {y + big:g}L{x - big:g} {y:g}Z",
    }
    return paths[shape]


@dataclass
class Line:
    name: str
    style: LineStyle
    points: list[LinePoint]
    path: str  # "M x y L x y ...", broken where a period has no figure
    legend_y: float
    legend_marker: str = ""
    legend_line_y: float = 0


@dataclass
class Chart:
    """A chart ready for includes/chart.html: geometry in SVG units, figures as text."""

    kind: str  # "bar" or "line"
    title: str
    description: str
    key: str  # makes the ids in the page unique
    unit: str
    value_heading: str
    category_heading: str
    height: float
    reference: Reference | None = None
    reference_position: float | None = None
    reference_text_y: float | None = None
    reference_anchor: str = "start"
    reference_text_x: float | None = None
    axis_text_y: float = 0
    ticks: list[Tick] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    period_labels: list[tuple[float, str]] = field(default_factory=list)
    plot_left: float = 0
    plot_right: float = 0
    plot_top: float = 0
    plot_bottom: float = 0

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def reference_text(self) -> str:
        return self.reference.label if self.reference else ""

    @property
    def has_notes(self) -> bool:
        return any(bar.note for bar in self.bars)

    @property
    def table_rows(self) -> list[tuple[str, list[str]]]:
        """For a line chart: one row per period, a cell per line."""
        return [(period, [line.points[i].text for line in self.lines]) for i, period in enumerate(self.periods)]


def _key(title: str, key: str | None) -> str:
    return f"chart-{slugify(key or title) or 'figures'}"


def _reference_description(reference: Reference | None, unit: str) -> str:
    if reference is None:
        return ""
    return f" A dashed line marks {reference.label} at {figure_text(reference.value, unit)}."


def bar_chart(
    title: str,
    rows: list[tuple[str, float | None]],
    *,
    category_heading: str,
    value_heading: str,
    unit: str = "",
    reference: Reference | None = None,
    notes: dict[str, str] | None = None,
    texts: dict[str, str] | None = None,
    key: str | None = None,
) -> Chart:
    """One horizontal bar per row (label, value); a value of None draws no bar.

    `notes` add a word after a row's figure ("Under-reached"); `texts` replace the figure shown
    (a withheld small number: "fewer than 5").
    """
    notes, texts = notes or {}, texts or {}
    values = [value for _, value in rows if value is not None]
    top, step = nice_scale(max([*values, reference.value if reference else 0, 0]), whole=_whole(values))
    left, right = MARGIN, WIDTH - MARGIN
    # A row: its label (wrapped onto more lines when long), then its bar; the axis figures sit under the last bar.
    line_height, row_gap, axis_gap = FONT_SIZE + 4, 6, 6
    plot_top = MARGIN + (FONT_SIZE + 6 if reference else 0)

    def x(value: float) -> float:
        return left + (right - left) * value / top

    bars = []
    row_top = plot_top
    for label, value in rows:
        lines = wrap_text(label, right - left, FONT_SIZE)
        label_lines = [(row_top + FONT_SIZE + n * line_height, line) for n, line in enumerate(lines)]
        label_y = label_lines[-1][0]
        width = round(x(value) - left, 1) if value is not None else 0.0
        text = texts.get(label) or figure_text(value, unit)
        note = notes.get(label, "")
        # The figure goes after the bar, or on the bar's end (in white) when it would not fit after it.
        inside = left + width + 4 + _text_width(f"{text} {note}".strip()) > right
        bars.append(
            Bar(
                label=label,
                value=value,
                text=text,
                note=note,
                label_y=label_y,
                bar_y=label_y + 6,
                width=width,
                figure_y=label_y + 6 + BAR_HEIGHT - 5,
                text_x=round(left + width - 4 if inside else left + width + 4, 1),
                inside=inside,
                label_lines=label_lines,
            )
        )
        row_top = label_y + 6 + BAR_HEIGHT + row_gap
    plot_bottom = row_top if rows else plot_top + FONT_SIZE + 6 + BAR_HEIGHT + row_gap
    ticks = []
    value = 0.0
    while value <= top + 1e-9:
        ticks.append(Tick(value, figure_text(value, unit), round(x(value), 1)))
        value += step
    ticks[0].anchor, ticks[-1].anchor = "start", "end"
    for tick in ticks:
        tick.text_x, tick.text_y = tick.position, plot_bottom + axis_gap + SMALL_FONT_SIZE
    reference_x = round(x(reference.value), 1) if reference else None
    chart = Chart(
        kind="bar",
        title=title,
        description="",
        key=_key(title, key),
        unit=unit,
        value_heading=value_heading,
        category_heading=category_heading,
        height=plot_bottom + axis_gap + SMALL_FONT_SIZE + MARGIN,
        reference=reference,
        reference_position=reference_x,
        reference_text_y=MARGIN + FONT_SIZE if reference else None,
        # The reference's name reads away from the nearer edge.
        reference_anchor="middle",
        reference_text_x=None if reference_x is None else _inside(reference_x, reference.label),
        axis_text_y=plot_bottom + axis_gap + SMALL_FONT_SIZE,
        ticks=ticks,
        bars=bars,
        plot_left=left,
        plot_right=right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
    )
    chart.description = _bar_description(chart)
    return chart


def _whole(values: list[float]) -> bool:
    return all(float(value).is_integer() for value in values)


def _inside(x: float, text: str) -> float:
    """Where to centre `text` near x so that none of it falls off either side of the picture."""
    half = _text_width(text) / 2
    return round(min(max(x, MARGIN + half), WIDTH - MARGIN - half), 1)


def wrap_text(text: str, width: float, size: int = FONT_SIZE) -> list[str]:
    """`text` in lines no wider than `width` (roughly, for Arial at `size`), broken between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and _text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _text_width(text: str, size: int = SMALL_FONT_SIZE) -> float:
    """Roughly how wide Arial draws `text`: about 0.55 of the font size a character (a little over, to be safe)."""
    return len(text) * size * 0.55


def _bar_description(chart: Chart) -> str:
    shown = [bar for bar in chart.bars if bar.value is not None]
    if not shown:
        return "Bar chart with no figures yet."
    highest = max(shown, key=lambda bar: bar.value)
    lowest = min(shown, key=lambda bar: bar.value)
    text = f"Bar chart of {len(chart.bars)} {chart.category_heading.lower()} rows. Highest: {highest.label}, {highest.text}."
    if lowest is not highest:
        text += f" Lowest: {lowest.label}, {lowest.text}."
    text += _reference_description(chart.reference, chart.unit)
    return text + " The figures are in the table below."


def line_chart(
    title: str,
    periods: list[str],
    series: dict[str, list[float | None]],
    *,
    period_heading: str = "Period",
    value_heading: str = "Figure",
    unit: str = "",
    reference: Reference | None = None,
    top: float | None = None,
    key: str | None = None,
) -> Chart:
    """A line per series across the periods (oldest first); None leaves a gap in the line.

    At most four lines, each with its own dash and marker: more would not be readable: draw
    one chart each instead. `top` fixes the axis (100 for percentages).
    """
    if len(series) > len(LINE_STYLES):
        raise ValueError(f"A line chart shows at most {len(LINE_STYLES)} lines; draw one chart each instead")
    for name, values in series.items():
        if len(values) != len(periods):
            raise ValueError(f"{name!r} has {len(values)} figures for {len(periods)} periods")
    values = [value for values in series.values() for value in values if value is not None]
    highest = max([*values, reference.value if reference else 0, 0])
    axis_top, step = nice_scale(highest, whole=_whole(values)) if top is None else (float(top), float(top) / 4)
    legend_height = (FONT_SIZE + 8) * len(series) if len(series) > 1 else 0
    tick_texts = []
    value = 0.0
    while value <= axis_top + 1e-9:
        tick_texts.append((value, figure_text(value, unit)))
        value += step
    left = MARGIN + max(_text_width(text) for _, text in tick_texts) + 6
    right = WIDTH - MARGIN - 12
    plot_top = MARGIN + legend_height + FONT_SIZE // 2
    plot_bottom = plot_top + 200

    def y(value: float) -> float:
        return round(plot_bottom - (plot_bottom - plot_top) * value / axis_top, 1)

    def x(index: int) -> float:
        if len(periods) == 1:
            return round((left + right) / 2, 1)
        return round(left + 10 + (right - left - 20) * index / (len(periods) - 1), 1)

    lines = []
    for number, (name, figures) in enumerate(series.items()):
        style = LINE_STYLES[number]
        points = [
            LinePoint(period, value, figure_text(value, unit), x(i), y(value) if value is not None else 0.0)
            for i, (period, value) in enumerate(zip(periods, figures, strict=True))
        ]
        for point in points:
            if point.value is not None:
                point.marker = marker_path(style.marker, point.x, point.y)
        path, pen_down = [], False
        for point in points:
            if point.value is None:
                pen_down = False
                continue
            path.append(f"{'L' if pen_down else 'M'}{point.x} {point.y}")
            pen_down = True
        legend_y = MARGIN + number * (FONT_SIZE + 8) + FONT_SIZE
        lines.append(
            Line(
                name=name,
                style=style,
                points=points,
                path=" ".join(path),
                legend_y=legend_y,
                legend_marker=marker_path(style.marker, MARGIN + 16, legend_y - 5),
                legend_line_y=legend_y - 5,
            )
        )
    # Name every period when they fit, else every second or third one, always the last.
    room = (right - left) / max(len(periods), 1)
    widest = max((_text_width(period) for period in periods), default=0) + 8
    every = max(1, math.ceil(widest / room)) if room else 1
    shown = {i for i in range(len(periods)) if (len(periods) - 1 - i) % every == 0}
    chart = Chart(
        kind="line",
        title=title,
        description="",
        key=_key(title, key),
        unit=unit,
        value_heading=value_heading,
        category_heading=period_heading,
        height=plot_bottom + 8 + SMALL_FONT_SIZE + MARGIN,
        reference=reference,
        reference_position=y(reference.value) if reference else None,
        reference_text_y=y(reference.value) - 4 if reference else None,
        reference_anchor="end",
        reference_text_x=right,
        axis_text_y=plot_bottom + 8 + SMALL_FONT_SIZE,
        ticks=[Tick(value, text, y(value), "end", left - 6, y(value) + 5) for value, text in tick_texts],
        lines=lines,
        periods=list(periods),
        period_labels=[(_inside(x(i), period), period) for i, period in enumerate(periods) if i in shown],
        plot_left=left,
        plot_right=right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
    )
    chart.description = _line_description(chart)
    return chart


def _line_description(chart: Chart) -> str:
    if not chart.periods:
        return "Line chart with no figures yet."
    text = f"Line chart from {chart.periods[0]} to {chart.periods[-1]}."
    for line in chart.lines:
        shown = [point for point in line.points if point.value is not None]
        if not shown:
            text += f" {line.name}: no figures yet."
            continue
        named = f"{line.name} ({line.style.pattern})" if len(chart.lines) > 1 else chart.value_heading
        text += f" {named}: {shown[0].text} in {shown[0].period}"
        if len(shown) > 1:
            text += f", {shown[-1].text} in {shown[-1].period}"
        text += "."
    text += _reference_description(chart.reference, chart.unit)
    return text + " The figures are in the table below."
