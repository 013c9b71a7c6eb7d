"""Which languages the portal speaks to a resident: English, and each translation that is complete.

A translation is complete when its compiled catalogue (locale/<code>/LC_MESSAGES/django.mo)
holds a translation of every message in the language's catalogue (django.po, which
`manage.py makemessages` keeps up to date from the marked strings) and none is fuzzy. A
language that is only partly translated is neither offered on the account page nor used:
residents who asked for it get English, and their answer is kept for when it is complete.

The resident's answer is stored as the language's English name ("Welsh"), as it always was, so
officers can read it; any other language they typed is kept as typed.
"""

from functools import cache
from pathlib import Path

import polib
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils import translation

ENGLISH = "English"
# The account's "another language" answer: we arrange it (an interpreter, a translated letter).
ANOTHER_LANGUAGE = "other"


def _catalogue_paths(code: str) -> tuple[Path, Path] | None:
    locale = translation.to_locale(code)
    for base in settings.LOCALE_PATHS:
        po = Path(base) / locale / "LC_MESSAGES" / "django.po"
        if po.exists():
            return po, po.with_suffix(".mo")
    return None


def catalogue_complete(code: str) -> bool:
    """Every message translated, none fuzzy, and all of it in the compiled catalogue Django reads."""
    paths = _catalogue_paths(code)
    if paths is None or not paths[1].exists():
        return False
    po_path, mo_path = paths
    catalogue = polib.pofile(str(po_path))
    if catalogue.fuzzy_entries() or catalogue.untranslated_entries():
        return False
    needed = {(entry.msgctxt, entry.msgid) for entry in catalogue if not entry.obsolete}
    compiled = {(entry.msgctxt, entry.msgid) for entry in polib.mofile(str(mo_path)) if entry.msgid}
    return bool(needed) and needed <= compiled


@cache
def complete_languages() -> tuple[tuple[str, str], ...]:
    """(code, English name) of each complete translation, in the order of settings.LANGUAGES.

    Read once per process: a new translation is deployed with the code, and the workers restart."""
    return tuple(
        (code, str(name))
        for code, name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE and catalogue_complete(code)
    )


def local_name(code: str, english_name: str) -> str:
    """The language's name in itself ("Cymraeg"), as residents look for it."""
    info = LANG_INFO.get(code) or LANG_INFO.get(code.split("-")[0]) or {}
    return info.get("name_local", english_name)


def offered_languages() -> list[tuple[str, str]]:
    """What the account's language question offers: (stored answer, label)."""
    return [(ENGLISH, ENGLISH)] + [
        (name, f"{local_name(code, name)} ({name})" if local_name(code, name) != name else name)
        for code, name in complete_languages()
    ]


def language_code_for(preferred_language: str) -> str:
    """The language to use for this answer: a complete translation it names, otherwise English."""
    answer = (preferred_language or "").strip().casefold()
    if answer:
        for code, name in complete_languages():
            names = {code.casefold(), name.casefold(), local_name(code, name).casefold()}
            if answer in names:
                return code
    return settings.LANGUAGE_CODE


def language_code_for_resident(resident) -> str:
    return language_code_for(resident.preferred_language if resident is not None else "")
