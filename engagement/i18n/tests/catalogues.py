"""Translation catalogues made for a test, in a temporary LOCALE_PATHS: never shipped.

The "translations" are the English text with the language's code in front ("[cy] Your
account"), so a test can see which catalogue a page or message came from."""

from pathlib import Path

import polib
import pytest

from engagement.i18n.languages import complete_languages

# Words on the pages and messages the tests look at (msgids as makemessages writes them).
MSGIDS = [
    "Your account",
    "Your details",
    "Which language would you like us to use?",
    "Another language",
    "Save contact details",
    "Dear %(first_name)s,",
    "Someone asked to link an account to your tenancy",
    "Community relations",
]


def write_catalogue(base: Path, code: str, *, untranslated: int = 0, fuzzy: int = 0) -> None:
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": code}
    for number, msgid in enumerate(MSGIDS):
        entry = polib.POEntry(msgid=msgid, msgstr="" if number < untranslated else f"[{code}] {msgid}")
        if untranslated <= number < untranslated + fuzzy:
            entry.flags.append("fuzzy")
        catalogue.append(entry)
    folder = base / code / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue.save(str(folder / "django.po"))
    # The compiled catalogue, as compilemessages writes it (fuzzy and untranslated entries left out).
    catalogue.save_as_mofile(str(folder / "django.mo"))


@pytest.fixture
def catalogues(tmp_path, settings):
    """Welsh translated completely; Polish with one message still to translate; Somali with one fuzzy."""
    write_catalogue(tmp_path, "cy")
    write_catalogue(tmp_path, "pl", untranslated=1)
    write_catalogue(tmp_path, "so", fuzzy=1)
    complete_languages.cache_clear()
    settings.LOCALE_PATHS = [tmp_path]
    settings.LANGUAGES = [("en-gb", "English"), ("cy", "Welsh"), ("pl", "Polish"), ("so", "Somali")]
    yield tmp_path
    complete_languages.cache_clear()
