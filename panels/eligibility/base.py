"""What every eligibility rule provides, and the registry the panels read rules from."""

from engagement.models import Resident


class Rule:
    """One condition for joining a panel, checked and explained in plain words.

    `rule` in each method is the panel's EligibilityRule row, which holds the rule's
    settings (for example, which tenure types). Subclasses set `code` (stored on the row),
    `label` (what officers choose from) and `parameters` (the row's fields they need).
    """

    code: str
    label: str
    parameters: tuple[str, ...] = ()

    def allows(self, resident: Resident, rule) -> bool:
        raise NotImplementedError

    def who(self, rule) -> str:
        """Who may join, completing "Open to …": "resident leaseholders"."""
        raise NotImplementedError

    def why_not(self, resident: Resident, rule) -> str:
        """Why this resident cannot join, as we would say it to them."""
        raise NotImplementedError

    def instead(self, resident: Resident, rule) -> str:
        """What they can do instead. The page adds the panel's contact and the panels they can join."""
        return "Look at the panels and forums you can join, listed below."


_rules: dict[str, Rule] = {}


def register(cls: type[Rule]) -> type[Rule]:
    _rules[cls.code] = cls()
    return cls


class UnknownRule(Rule):
    """A rule stored on a panel that this version of the portal does not have: refuse, and say who can help."""

    code = ""
    label = "Unknown rule"

    def allows(self, resident, rule):
        return False

    def who(self, rule):
        return "residents who meet a condition we check by hand"

    def why_not(self, resident, rule):
        return "We cannot check online whether you meet one of this panel's conditions."

    def instead(self, resident, rule):
        return "Contact us using the details below and we will check for you."


def rule_for(rule) -> Rule:
    return _rules.get(rule.rule) or UnknownRule()


def rule_choices() -> list[tuple[str, str]]:
    return sorted(((code, r.label) for code, r in _rules.items()), key=lambda choice: choice[1])


def home_block(resident: Resident):
    home = resident.home
    return home.block if home is not None else None
