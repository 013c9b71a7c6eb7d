"""Static files in production: hashed names (cached for ever), compressed, GOV.UK Frontend's module import hashed too."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_collectstatic_writes_hashed_compressed_files_and_hashes_the_frontend_import(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="voice.example.gov.uk",
        STATIC_ROOT=str(tmp_path),
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    paths = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    css, init, frontend = paths["govuk/resident-voice.css"], paths["js/init.js"], paths["govuk/govuk-frontend.min.js"]
    assert css != "govuk/resident-voice.css"
    assert (tmp_path / f"{css}.gz").exists() and (tmp_path / f"{css}.br").exists()
    assert Path(frontend).name in (tmp_path / init).read_text()
