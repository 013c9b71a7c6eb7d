"""System checks: every survey or invitation says how to stop them (PECR), by email and by text;
every letter with a personal link carries its short code; the messaging settings make sense."""

import re

from django.conf import settings
from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.module_loading import import_string

from engagement.messaging import registry
from engagement.messaging.services.letters import LETTER_CODE_WORDS
from engagement.models import Channel, Purpose


def _templates(*channels):
    """(message type, path, source, or None where there is no such template) for every registered type."""
    for message_type in registry.all_types():
        for channel in channels:
            path = registry.template_path(message_type.key, channel)
            try:
                yield message_type, path, get_template(path).template.source
            except TemplateDoesNotExist:
                yield message_type, path, None


@checks.register()
def engagement_messages_say_how_to_stop_them(app_configs=None, **kwargs):
    problems = []
    for message_type, path, source in _templates(Channel.EMAIL, Channel.TEXT):
        if message_type.purpose != Purpose.ENGAGEMENT:
            continue
        if source is None:
            problems.append(checks.Error(f"{message_type.key} has no {path}", id="messaging.E001"))
        elif "unsubscribe_url" not in source:
            problems.append(
                checks.Error(
                    f"{path} does not include {{{{ unsubscribe_url }}}}",
                    hint="Surveys and invitations must say how to stop them.",
                    id="messaging.E002",
                )
            )
    return problems


_PRINTS_LINK = re.compile(r"{{\s*link\s*}}")


@checks.register()
def letters_with_a_link_carry_its_code(app_configs=None, **kwargs):
    """A personal link cannot be clicked on paper: a letter that prints one prints its short code too."""
    return [
        checks.Error(
            f"{path} prints {{{{ link }}}} without its short code",
            hint=f'Use {{% include "{LETTER_CODE_WORDS}" %}} where the letter says how to go online.',
            id="messaging.E003",
        )
        for _, path, source in _templates(Channel.POST)
        if source and _PRINTS_LINK.search(source) and LETTER_CODE_WORDS not in source
    ]


@checks.register()
def messaging_settings_make_sense(app_configs=None, **kwargs):
    """Wrong settings fail `manage.py check` (and so deploys), not the first message sent."""
    from engagement.messaging.channels.base import Sender

    problems = []
    minimums = {"MESSAGING_BATCH_SIZE": 1, "MESSAGING_MAX_ATTEMPTS": 1, "MESSAGING_STUCK_AFTER_SECONDS": 1}
    minimums["MESSAGING_RATE_LIMIT_PER_MINUTE"] = 0  # no limit
    for name, minimum in minimums.items():
        if getattr(settings, name) < minimum:
            problems.append(checks.Error(f"{name} must be at least {minimum}", id="messaging.E004"))
    for channel, path in settings.MESSAGING_CHANNELS.items():
        try:
            sender = import_string(path)
        except ImportError as error:
            problems.append(
                checks.Error(f"The {channel} channel {path!r} cannot be imported: {error}", id="messaging.E005")
            )
            continue
        if not (isinstance(sender, type) and issubclass(sender, Sender)):
            problems.append(checks.Error(f"The {channel} channel {path!r} is not a Sender", id="messaging.E005"))
            continue
        problems += [checks.Error(problem, id="messaging.E006") for problem in sender.configuration_problems()]
        # A message is taken from a worker that has held it this long: by then its send must have ended.
        longest = sender.longest_send_seconds()
        if longest and 2 * longest > settings.MESSAGING_STUCK_AFTER_SECONDS:
            problems.append(
                checks.Error(
                    f"MESSAGING_STUCK_AFTER_SECONDS ({settings.MESSAGING_STUCK_AFTER_SECONDS}) must be at least twice "
                    f"as long as the {channel} channel may take to send one message ({longest} s)",
                    hint="Otherwise a message still being sent could be taken by another worker and sent twice.",
                    id="messaging.E007",
                )
            )
    return list({problem.msg: problem for problem in problems}.values())
