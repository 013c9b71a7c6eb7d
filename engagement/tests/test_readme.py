"""The README stands alone: nothing outside the repository, and every setting the portal reads is in it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def test_the_readme_points_to_nothing_outside_the_repository():
    assert "../" not in README
    for path in re.findall(
        r"`((?:scripts|engagement|events|panels|surveys|tenants_associations|static)/[\w./-]+)`", README
    ):
        assert (ROOT / path).exists(), path
    assert "../" not in (ROOT / "requirements.txt").read_text()


def test_every_setting_read_from_the_environment_is_in_the_configuration_table():
    settings_source = (ROOT / "engagement/settings.py").read_text()
    names = set(re.findall(r'env_(?:str|int|bool|list)\("([A-Z_]+)"', settings_source))

    assert names and {name for name in names if f"`{name}`" not in README} == set()
    assert "`PORT`" in README


def test_the_readme_tells_a_newcomer_how_to_sign_up_as_a_resident():
    assert "tenancy references with their postcodes that no account uses yet" in README
