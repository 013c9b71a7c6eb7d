"""Reading "download my data" as a resident gets it: one zip of JSON, CSV and files."""

import csv
import io
import json
import zipfile
from dataclasses import dataclass

from django.urls import reverse


@dataclass
class Download:
    response: object
    data: dict  # my-data.json
    csv_bytes: bytes  # my-data.csv as stored
    rows: list[dict]  # my-data.csv read as a spreadsheet would
    files: dict[str, bytes]  # everything under files/

    @property
    def text(self) -> str:
        """Everything in the download, as text (to check something is, or is not, there)."""
        return json.dumps(self.data, ensure_ascii=False) + self.csv_bytes.decode("utf-8-sig")


def download_my_data(client) -> Download:
    response = client.get(reverse("download_my_data_file"))
    assert response.status_code == 200, response.status_code
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        data = json.loads(archive.read("my-data.json"))
        csv_bytes = archive.read("my-data.csv")
        files = {name: archive.read(name) for name in archive.namelist() if name.startswith("files/")}
    rows = list(csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig"))))
    return Download(response, data, csv_bytes, rows, files)
