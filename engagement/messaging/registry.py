"""Message types: each app says which messages it sends; the words live in templates.

A type `events.booking_confirmed` has its words in
`templates/messages/events/booking_confirmed/` as `subject.txt` and `email.txt`
(email), `text.txt` (text message) and `letter.txt` (letter). Templates are rendered
at send time from the personalisation stored with the message.
"""

import re
from dataclasses import dataclass, field

from django.template.base import Lexer, TokenType
from django.template.loader import get_template, render_to_string
from django.utils.html import conditional_escape

from engagement.models import Channel, Purpose


@dataclass(frozen=True)
class MessageType:
    key: str
    purpose: str
    description: str

    @property
    def template_dir(self) -> str:
        return "messages/" + self.key.replace(".", "/")


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str
    headers: dict = field(default_factory=dict)
    # Engagement messages: where to stop them (mail apps show a one-click "unsubscribe" for it).
    unsubscribe_url: str = ""


_types: dict[str, MessageType] = {}


def register(key: str, *, purpose: str, description: str) -> MessageType:
    if purpose not in Purpose.values:
        raise ValueError(f"Unknown purpose {purpose!r} for message type {key}")
    message_type = MessageType(key=key, purpose=purpose, description=description)
    _types[key] = message_type
    return message_type


def get(key: str) -> MessageType:
    try:
        return _types[key]
    except KeyError:
        raise LookupError(f"No message type {key!r} is registered") from None


def all_types() -> list[MessageType]:
    return sorted(_types.values(), key=lambda message_type: message_type.key)


_FILES = {Channel.EMAIL: "email.txt", Channel.TEXT: "text.txt", Channel.POST: "letter.txt"}


def render(key: str, channel: str, personalisation: dict) -> RenderedMessage:
    message_type = get(key)
    base = message_type.template_dir
    subject = render_to_string(f"{base}/subject.txt", personalisation).strip()
    body = render_to_string(f"{base}/{_FILES[channel]}", personalisation).strip()
    return RenderedMessage(subject=subject, body=body, unsubscribe_url=personalisation.get("unsubscribe_url", ""))


class Stencil:
    """A message type's words rendered once for many messages, with holes for what differs per message.

    A bulk send renders the same template 100,000 times with only the resident's name, their
    unsubscribe link and their own links changing: rendering it once and filling the holes
    gives the same words for a fraction of the work. See stencil().
    """

    def __init__(self, subject: list, body: list, slots: tuple[str, ...]):
        self._subject = subject
        self._body = body
        self.slots = slots

    def fill(self, values: dict) -> RenderedMessage:
        return RenderedMessage(
            subject=_fill(self._subject, values).strip(),
            body=_fill(self._body, values).strip(),
            unsubscribe_url=values.get("unsubscribe_url", ""),
        )


# A hole: its slot's number, and "<" or "&lt;" to show whether the template escaped it there.
_HOLE = "\x00{}<\x00"
_HOLES = re.compile("\x00(\\d+)(<|&lt;)\x00")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Tags that cannot look at a value other than through their own words (checked below).
_PLAIN_TAGS = {"autoescape", "endautoescape", "if", "elif", "else", "endif", "comment", "endcomment"}


def stencil(key: str, channel: str, shared: dict, slots: tuple[str, ...]) -> Stencil | None:
    """The message rendered with `shared`, leaving holes for `slots`; None if the template cannot be stencilled.

    Only templates that use each slot as a plain `{{ name }}` (no filter, no tag, no include)
    qualify, so a filled stencil is exactly what render() gives; the slots' values must be strings.
    """
    message_type = get(key)
    names = [f"{message_type.template_dir}/subject.txt", f"{message_type.template_dir}/{_FILES[channel]}"]
    if any("\x00" in str(value) for value in shared.values()):
        return None
    if not all(_uses_slots_plainly(get_template(name).template.source, set(slots)) for name in names):
        return None
    context = {**shared, **{slot: _HOLE.format(number) for number, slot in enumerate(slots)}}
    subject, body = (_parts(render_to_string(name, context), slots) for name in names)
    return Stencil(subject, body, slots)


def _uses_slots_plainly(source: str, slots: set[str]) -> bool:
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.VAR:
            used = set(_NAME.findall(token.contents)) & slots
            if used and token.contents.strip() not in slots:
                return False
        elif token.token_type == TokenType.BLOCK:
            tag, _, rest = token.contents.partition(" ")
            if tag not in _PLAIN_TAGS or set(_NAME.findall(rest)) & slots:
                return False
    return True


def _parts(rendered: str, slots: tuple[str, ...]) -> list:
    parts: list = []
    position = 0
    for hole in _HOLES.finditer(rendered):
        parts.append(rendered[position : hole.start()])
        parts.append((slots[int(hole.group(1))], hole.group(2) != "<"))
        position = hole.end()
    parts.append(rendered[position:])
    return parts


def _fill(parts: list, values: dict) -> str:
    return "".join(
        part if isinstance(part, str) else (conditional_escape(values[part[0]]) if part[1] else values[part[0]])
        for part in parts
    )


def template_path(key: str, channel: str) -> str:
    return f"{get(key).template_dir}/{_FILES[channel]}"
