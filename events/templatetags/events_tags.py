from django import template

from events.formatting import date_text, time_text, when_text

register = template.Library()


@register.filter
def when(event) -> str:
    return when_text(event.starts_at, event.ends_at)


@register.filter
def day(moment) -> str:
    return date_text(moment) if moment else ""


@register.filter
def clock(moment) -> str:
    return time_text(moment) if moment else ""


@register.filter
def places_left(event) -> int | None:
    """Needs the `taken` annotation (see views.whats_on.with_places)."""
    if event.capacity is None:
        return None
    return max(event.capacity - event.taken, 0)
