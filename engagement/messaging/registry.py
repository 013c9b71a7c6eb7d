"""Message types: each app says which messages it sends; the words live in templates.

A type `events.booking_confirmed` has its words in
`templates/messages/events/booking_confirmed/` as `subject.txt` and `email.txt`
(email), `text.txt` (text message) and `letter.txt` (letter). Templates are rendered
at send time from the personalisation stored with the message.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string

from engagement.models import Channel, Purpose
from engagement.qr_codes import qr_code_png


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
    # Files an email carries (name, content, type): a booking's QR code, a calendar invitation.
    attachments: tuple = ()


_types: dict[str, MessageType] = {}


def register(key: str, *, purpose: str, description: str) -> MessageType:
    if purpose not in Purpose.values:
        raise ValueError(f"Unknown purpose {purpose!r} for message type {key}")
    message_type = MessageType(key=key, purpose=purpose, description=description)
    _types[key] = message_type
    return message_type


def get(key: str) -> MessageType:
    return _types[key]  # a KeyError (a LookupError) for a type not registered


def all_types() -> list[MessageType]:
    return sorted(_types.values(), key=lambda message_type: message_type.key)


_FILES = {Channel.EMAIL: "email.txt", Channel.TEXT: "text.txt", Channel.POST: "letter.txt"}


def render_subject(key: str, personalisation: dict) -> str:
    return render_to_string(f"{get(key).template_dir}/subject.txt", personalisation).strip()


# The line every letter ends with: how to get it in another language or format (the shared letter layout).
OTHER_FORMATS_WORDS = "messages/messaging/other_formats.txt"


def render(key: str, channel: str, personalisation: dict) -> RenderedMessage:
    body = render_to_string(template_path(key, channel), personalisation).strip()
    if channel == Channel.POST:
        body = f"{body}\n\n{render_to_string(OTHER_FORMATS_WORDS, personalisation).strip()}"
    return RenderedMessage(
        subject=render_subject(key, personalisation),
        body=body,
        unsubscribe_url=personalisation.get("unsubscribe_url", ""),
        attachments=_attachments(personalisation),
    )


def _attachments(personalisation: dict) -> tuple:
    """A message may carry a link as a QR code (`qr_code_link`; letters print it) and a calendar file
    (`calendar_file`, the text of an .ics) to attach to an email."""
    files = []
    if personalisation.get("qr_code_link"):
        files.append(("qr-code.png", qr_code_png(personalisation["qr_code_link"]), "image/png"))
    if personalisation.get("calendar_file"):
        files.append(("invitation.ics", personalisation["calendar_file"], "text/calendar"))
    return tuple(files)


def template_path(key: str, channel: str) -> str:
    return f"{get(key).template_dir}/{_FILES[channel]}"
