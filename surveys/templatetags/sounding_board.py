from django import template
from django.utils.html import escape, linebreaks
from django.utils.html import urlize as _urlize
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def plain_text(text: str, links_approved: bool = False):
    """Residents' words as plain text in paragraphs; links clickable only once a moderator approved them."""
    if links_approved:
        return mark_safe(linebreaks(_urlize(text, nofollow=True, autoescape=True)))
    return mark_safe(linebreaks(escape(text)))


@register.filter
def bar_width(value) -> str:
    """A percentage as a CSS width, never wider than the cell."""
    return f"{min(max(float(value or 0), 0), 100):.0f}%"
