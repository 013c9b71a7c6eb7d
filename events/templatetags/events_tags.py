from django import template

from events.services.training import hours_text

register = template.Library()


@register.filter
def places_left(event) -> int | None:
    """Needs the `taken` annotation (see views.whats_on.with_places)."""
    if event.capacity is None:
        return None
    return max(event.capacity - event.taken, 0)


@register.filter
def hours(value) -> str:
    """Hours volunteered as people write them: 2, 2.5, 10."""
    return hours_text(value)
