from panels.eligibility.base import Rule, home_block, register


def _and_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@register
class Estates(Rule):
    code = "estates"
    label = "Lives on one of the chosen estates"
    parameters = ("estates",)

    def _estates(self, rule):
        # Read through .all() so a prefetch of eligibility_rules__estates serves every check.
        return list(rule.estates.all())

    def allows(self, resident, rule):
        block = home_block(resident)
        return block is not None and block.estate_id in {estate.pk for estate in self._estates(rule)}

    def who(self, rule):
        names = [estate.name for estate in self._estates(rule)] or ["no estate yet"]
        return f"residents of {_and_list(names)}"

    def why_not(self, resident, rule):
        block = home_block(resident)
        where = f"You live on {block.estate.name}." if block else "We do not know where you live yet."
        return f"This is for {self.who(rule)}. {where}"

    def instead(self, resident, rule):
        return (
            "Your Tenants and Residents Association can raise issues on your own estate. "
            "The panels and forums you can join are listed below."
        )
