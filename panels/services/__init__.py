"""What can be done with panels, as plain functions that views, admin actions and tasks all call."""


class PanelError(Exception):
    """An action that cannot be done now. The message says why, in words we can show."""
