from django import template

register = template.Library()


@register.filter
def places_left(event) -> int | None:
    """Needs the `taken` annotation (see views.whats_on.with_places)."""
    if event.capacity is None:
        return None
    return max(event.capacity - event.taken, 0)
