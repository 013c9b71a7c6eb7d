"""System checks: every survey or invitation says how to stop them (PECR), by email and by text."""

from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from engagement.messaging import registry
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
