"""System checks: every survey or invitation says how to stop them (PECR), by email and by text;
every letter with a personal link carries its short code."""

import re

from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from engagement.messaging import registry
from engagement.messaging.services.letters import LETTER_CODE_WORDS
from engagement.models import Channel, Purpose


@checks.register()
def engagement_messages_say_how_to_stop_them(app_configs=None, **kwargs):
    problems = []
    for message_type in registry.all_types():
        if message_type.purpose != Purpose.ENGAGEMENT:
            continue
        for channel in (Channel.EMAIL, Channel.TEXT):
            path = registry.template_path(message_type.key, channel)
            try:
                source = get_template(path).template.source
            except TemplateDoesNotExist:
                problems.append(checks.Error(f"{message_type.key} has no {path}", id="messaging.E001"))
                continue
            if "unsubscribe_url" not in source:
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
    problems = []
    for message_type in registry.all_types():
        path = registry.template_path(message_type.key, Channel.POST)
        try:
            source = get_template(path).template.source
        except TemplateDoesNotExist:
            continue
        if _PRINTS_LINK.search(source) and LETTER_CODE_WORDS not in source:
            problems.append(
                checks.Error(
                    f"{path} prints {{{{ link }}}} without its short code",
                    hint=f'Use {{% include "{LETTER_CODE_WORDS}" %}} where the letter says how to go online.',
                    id="messaging.E003",
                )
            )
    return problems
