from django.apps import AppConfig


class BallotsConfig(AppConfig):
    name = "engagement.ballots"
    label = "ballots"
    verbose_name = "Estate regeneration ballots"

    def ready(self):
        from engagement.ballots import message_types  # noqa: F401  (registers the letter with the code)
        from engagement.ballots.personal_data import ballots_erase, register_entries, voted
        from engagement.plugins import register_eraser, register_involvement, register_section

        register_section("Resident ballots", register_entries)
        register_eraser(ballots_erase)
        register_involvement("ballots", "Voted in a resident ballot", voted)
