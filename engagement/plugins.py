"""How an app plugs into the core: every hook in one place, to read once.

An app's `AppConfig.ready()` imports what it needs from here, and only from here, and calls
it once per thing it adds (see events/apps.py for a full example):

- `register_account_link(label, url_name)`: a link on the resident's account page
  ("Your events").
- `register_section(name, build)`: a section of the resident's data download;
  `build(resident)` returns a list of dicts, one per row.
- `register_eraser(erase)`: what to erase or redact when an administrator erases a
  resident; `erase(resident, redactor)`. Personal data in a download needs an eraser too.
- `register_involvement(code, label, build)`: a way of taking part, counted by the reach
  report; `build(since)` returns an `Exists` on the app's model, true for a resident who
  took part that way since then.
- `register_digest_section(name, build)`: a section of a councillor's weekly digest;
  `build(ward, since, until)` returns DigestItems.
- `register_happens_at(url_name, starts_at)`: for a page about something on a date (an
  event), `starts_at(**url_kwargs)` says when it starts, so a BSL interpreter asked for
  from that page is due before it.
- `register_history(code, label, entries, permission=)`: a kind of entry on a resident's
  timeline for officers; `permission` hides it from officers without it.

Three hooks are found by module name instead, so an app adds a file and nothing else:

- `<app>/message_types.py`: calls `register_message_type(key, purpose=, description=)` for
  each message the app sends (imported from here too); the words are templates under templates/messages/<app>/<name>/.
  Imported when messaging starts.
- `<app>/demo.py`: `load()` (and an optional `summary()`) return the lines `manage.py
  load_demo` prints; dated from today, safe to run twice.
- `panels/eligibility/<rule>.py`: a `Rule` subclass decorated with
  `panels.eligibility.register`, for who may join a panel (panels' own, not the core's).

Registration is idempotent where ready() can run twice (tests); names keep the order apps
register them in, which is the order residents see.
"""

from engagement.framework import register_account_link
from engagement.messaging.registry import register as register_message_type
from engagement.messaging.services.digests import register_digest_section
from engagement.services.data_download import register_section
from engagement.services.erasure import register_eraser
from engagement.services.format_requests import register_happens_at
from engagement.services.involvement import register_involvement
from engagement.services.resident_history import register_history

__all__ = [
    "register_account_link",
    "register_digest_section",
    "register_eraser",
    "register_happens_at",
    "register_history",
    "register_involvement",
    "register_message_type",
    "register_section",
]
