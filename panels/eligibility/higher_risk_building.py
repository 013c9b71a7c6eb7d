from panels.eligibility.base import Rule, home_block, register


@register
class HigherRiskBuilding(Rule):
    """The Building Safety Act 2022's higher-risk buildings: the building safety panel's residents."""

    code = "higher_risk_building"
    label = "Lives in a higher-risk building (Building Safety Act)"

    def allows(self, resident, rule):
        block = home_block(resident)
        return block is not None and block.is_higher_risk

    def who(self, rule):
        return "residents of buildings covered by the Building Safety Act (higher-risk buildings)"

    def why_not(self, resident, rule):
        block = home_block(resident)
        where = f"{block.name}, where you live, is not one of these." if block else "We do not know where you live yet."
        return (
            "This is for residents of buildings covered by the Building Safety Act 2022: buildings at least "
            f"18 metres or 7 storeys high with 2 or more homes. {where}"
        )

    def instead(self, resident, rule):
        return (
            "You can still ask about safety in your building or report a worry: use the contact details below. "
            "The panels and forums you can join are listed below."
        )
