from django import template

from tenants_associations.directory import your_tra

register = template.Library()


@register.inclusion_tag("tenants_associations/includes/your_tra_panel.html")
def your_tra_panel(resident):
    """The "your TRA" part of the home page for a signed-in resident."""
    return {"yours": your_tra(resident)}
