from panels.eligibility.base import Rule, home_block, register


@register
class IndependentLiving(Rule):
    code = "independent_living"
    label = "Lives in an independent living scheme"

    def allows(self, resident, rule):
        block = home_block(resident)
        return block is not None and block.is_independent_living

    def who(self, rule):
        return "residents of independent living schemes"

    def why_not(self, resident, rule):
        block = home_block(resident)
        where = (
            f"Our records show {block.name} is not an independent living scheme."
            if block
            else "We do not know where you live yet."
        )
        return f"This is for residents of independent living schemes. {where}"

    def instead(self, resident, rule):
        return (
            "If you live in an independent living scheme and our records are wrong, tell us using the contact "
            "details below. The panels and forums you can join are listed below."
        )
