"""What admin's delete page says besides what is deleted with a record: what is kept but loses its link to it."""

from django import template
from django.db import models

register = template.Library()

_UNLINKING = (models.SET_NULL, models.SET_DEFAULT)


@register.simple_tag(takes_context=True)
def unlinked_by_deleting(context) -> list[tuple[str, int]]:
    """(what, how many) of the rows that stay but point at the record(s) on this delete page, whose link is cleared.

    Deleting an event keeps the issues raised at it and the walkabout request it answered,
    but they no longer say which event: the officer is told before confirming.
    """
    single = context.get("object")
    records = [single] if single is not None else list(context.get("queryset") or [])
    if not records:
        return []
    unlinked = []
    for relation in records[0]._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and (relation.one_to_many or relation.one_to_one)):
            continue
        if getattr(relation, "on_delete", None) not in _UNLINKING:
            continue
        count = relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": records}).count()
        if count:
            what = (
                relation.related_model._meta.verbose_name_plural
                if count > 1
                else relation.related_model._meta.verbose_name
            )
            unlinked.append((f"{str(what).capitalize()} (their {relation.field.verbose_name})", count))
    return unlinked
