"""Read an admin page's form as a browser would, so a test can post it back as the officer's browser does.

A browser sends what the page holds: the selected options of each select, the ticked boxes, the
text in each field. A picker rendered with no options sends nothing, so posting the page back
exposes it, where building the data from `form.initial` would hide it.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class PageForm:
    """One <form> on a page: what it would send, and the options each select, radio or checkbox group offers."""

    data: dict[str, list[str]] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)
    submits: list[tuple[str, str]] = field(default_factory=list)

    def add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def post_data(self, submit: str | None = None) -> dict[str, list[str]]:
        """The data as the test client posts it, pressing the submit button named `submit` (if any)."""
        data = {name: list(values) for name, values in self.data.items()}
        for name, value in self.submits:
            if name == submit:
                data[name] = [value]
        return data


class _FormReader(HTMLParser):
    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.form: PageForm | None = None
        self.inside = False
        self.done = False
        self.select: str | None = None
        self.multiple = False
        self.first_option: str | None = None
        self.picked = False
        self.option: dict | None = None
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and (self.form_id is None or attrs.get("id") == self.form_id):
            self.form, self.inside = PageForm(), True
            return
        if not self.inside:
            return
        name = attrs.get("name")
        disabled = "disabled" in attrs
        if tag == "input" and name and not disabled:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                self.form.options.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    self.form.add(name, attrs.get("value", "on"))
            elif kind in ("submit", "image", "button"):
                self.form.submits.append((name, attrs.get("value", "")))
            elif kind == "file":
                pass  # a file field left alone sends no file
            else:
                self.form.add(name, attrs.get("value", ""))
        elif tag == "select" and name:
            self.select = None if disabled else name
            self.multiple = "multiple" in attrs
            self.first_option, self.picked = None, False
            self.form.options.setdefault(name, [])
        elif tag == "option" and self.select is not None:
            self.option = {"value": attrs.get("value"), "selected": "selected" in attrs, "text": ""}
        elif tag == "textarea" and name and not disabled:
            self.textarea, self.text = name, ""

    def handle_data(self, data):
        if self.option is not None:
            self.option["text"] += data
        if self.textarea is not None:
            self.text += data

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "option" and self.option is not None:
            value = self.option["value"] if self.option["value"] is not None else self.option["text"].strip()
            self.form.options[self.select].append(value)
            if self.first_option is None:
                self.first_option = value
            if self.option["selected"]:
                self.form.add(self.select, value)
                self.picked = True
            self.option = None
        elif tag == "select" and self.select is not None:
            # A single select with nothing marked selected sends its first option, as browsers do.
            if not self.multiple and not self.picked and self.first_option is not None:
                self.form.add(self.select, self.first_option)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            # Browsers drop the one newline that may follow <textarea>.
            self.form.add(self.textarea, self.text[1:] if self.text.startswith("\n") else self.text)
            self.textarea = None
        elif tag == "form":
            self.inside, self.done = False, True


def read_form(html: str, form_id: str | None = None) -> PageForm:
    """The form with this id (or the page's first form), as the browser would send it."""
    reader = _FormReader(form_id)
    reader.feed(html)
    if reader.form is None:
        raise AssertionError(f"No form {form_id or ''} on the page")
    return reader.form
