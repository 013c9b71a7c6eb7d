from panels.eligibility.base import Rule, register


@register
class AnyResident(Rule):
    code = "any_resident"
    label = "Any resident"

    def allows(self, resident, rule):
        return True

    def who(self, rule):
        return "any council housing resident"

    def why_not(self, resident, rule):
        return ""
