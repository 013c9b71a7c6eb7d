from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def pounds(value) -> str:
    """'£12,500' or '£12,500.50': pence only when there are some, as GOV.UK style writes money."""
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"
