"""Finding words residents see that are not marked for translation.

Templates are read with Django's own template lexer, so what counts as text is what Django
renders as text. Visible text is the text between HTML tags (outside <script>, <style> and
comments) and the attributes people read (alt, title, aria-label, placeholder, a button's
value). Text is marked when it is inside {% translate %} or {% blocktranslate %}. Whitespace,
punctuation, numbers, HTML entities and template variables on their own are not words.

Plain-text templates (messages: emails, texts, letters) have no HTML: every line is text.

Officers' admin pages are in English only and are out of scope (templates under an admin/
folder); see RESIDENT_TEMPLATE_SCOPE.

Models' choices (TextChoices, IntegerChoices) are checked by what they hold, not by their source:
every label must be a lazy translation, _("…"). Residents read them on pages, so all are marked,
officers' ones too. Where a label leaves as plain text (a CSV or Excel cell, JSON, ", ".join) it
is made a str there (engagement/exports.py does it for every export).

`fixes()` gives the mechanical marking of what it finds (used by `manage.py i18n_unmarked --fix`):
a run of text and variables between tags becomes {% translate "…" %}, or {% blocktranslate
trimmed %} when it holds variables, quotes or entities. Sentences split by tags stay split.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.template.base import DebugLexer, TokenType

# A word: at least one letter (any script). Entities (&nbsp;) and variables are taken out first.
_LETTER = re.compile(r"[^\W\d_]")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
_VISIBLE_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description"}
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
# Template tokens inside a tag's text stand in as this, so attributes can be read around them.
_HOLE = "\x00"
_MARKING_TAGS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}
_SKIPPED_BLOCKS = {"comment": "endcomment", "verbatim": "endverbatim", **_MARKING_TAGS}
# Filters whose literal argument is shown to the reader.
_SHOWN_FILTER_ARGUMENT = re.compile(r"""\|(?:default|default_if_none|yesno):("[^"]*"|'[^']*')""")
# `{% include … with heading="…" %}` and `{% with label="…" %}`: literals passed on to be shown.
_SHOWN_KEYWORD_LITERAL = re.compile(r"""\b\w+=("[^"]*"|'[^']*')""")


def has_words(text: str) -> bool:
    return bool(_LETTER.search(_ENTITY.sub(" ", text)))


@dataclass
class Unmarked:
    line: int
    text: str
    # Where the text is in the source (start, end) and what it becomes when marked; None if it
    # needs a person (an attribute mixing text and variables, a literal in a tag).
    span: tuple[int, int] | None = None
    replacement: str | None = None


@dataclass
class _Run:
    """Text and variables between two tags: one thing to translate."""

    parts: list = field(default_factory=list)  # (kind, text, start, end); kind "text" or "var"

    def add(self, kind, text, start, end):
        self.parts.append((kind, text, start, end))


def _literal_finding(source: str, token, literal: str) -> Unmarked:
    """A literal shown to the reader inside a tag or variable: marked as _("…")."""
    start = source.index(literal, token.position[0], token.position[1])
    end = start + len(literal)
    return Unmarked(token.lineno, literal[1:-1], (start, end), f"_({literal})")


def _line_of(source: str, position: int) -> int:
    return source.count("\n", 0, position) + 1


def _variable_name(expression: str, taken: set[str]) -> str:
    base = re.split(r"[|:]", expression, maxsplit=1)[0].split(".")[-1].strip()
    base = re.sub(r"\W", "_", base) or "value"
    if base[0].isdigit():
        base = "value_" + base
    name, number = base, 2
    while name in taken:
        name, number = f"{base}_{number}", number + 1
    taken.add(name)
    return name


def _marked(run_source: str, variables: list[tuple[str, str]]) -> str:
    """The template text that marks `run_source` (variables already written as {{ name }})."""
    simple = not variables and not re.search(r"""["'&<>\n%{}]""", run_source)
    if simple:
        return '{% translate "' + run_source + '" %}'
    bindings = " ".join(f"{name}={expression}" for name, expression in variables if name != expression)
    opening = "{% blocktranslate trimmed" + (f" with {bindings}" if bindings else "") + " %}"
    return opening + run_source + "{% endblocktranslate %}"


def _run_finding(source: str, run: _Run) -> Unmarked | None:
    text = "".join(part[1] for part in run.parts if part[0] == "text")
    if not has_words(text):
        return None
    # Trim the run to its first and last visible character (leading and trailing spaces stay put).
    parts = list(run.parts)
    while parts and parts[0][0] == "text" and not parts[0][1].strip():
        parts.pop(0)
    while parts and parts[-1][0] == "text" and not parts[-1][1].strip():
        parts.pop()
    start, end = parts[0][2], parts[-1][3]
    if parts[0][0] == "text":
        start += len(parts[0][1]) - len(parts[0][1].lstrip())
    if parts[-1][0] == "text":
        end -= len(parts[-1][1]) - len(parts[-1][1].rstrip())
    taken = {part[1] for part in parts if part[0] == "var" and re.fullmatch(r"[A-Za-z_]\w*", part[1])}
    variables = []
    written = []
    for kind, piece, piece_start, piece_end in parts:
        lo, hi = max(piece_start, start), min(piece_end, end)
        if kind == "text":
            written.append(source[lo:hi])
        else:
            expression = piece
            name = expression if re.fullmatch(r"[A-Za-z_]\w*", expression) else _variable_name(expression, taken)
            variables.append((name, expression))
            written.append("{{ " + name + " }}")
    shown = " ".join(source[start:end].split())
    return Unmarked(_line_of(source, start), shown, (start, end), _marked("".join(written), variables))


def _attribute_findings(source: str, tag_text: str, tag_start: int, holes: list) -> list[Unmarked]:
    """Visible attributes of one HTML tag. `tag_text` has each template token replaced by _HOLE."""
    findings = []
    name_match = re.match(r"<\s*([a-zA-Z0-9-]+)", tag_text)
    tag_name = name_match.group(1).lower() if name_match else ""
    attributes = (
        {m.group(1).lower(): m for m in _ATTRIBUTE.finditer(tag_text[len(name_match.group(0)) :])} if name_match else {}
    )
    offset = len(name_match.group(0)) if name_match else 0
    visible = set(_VISIBLE_ATTRIBUTES)
    if tag_name == "input":
        kind = attributes.get("type")
        if kind and kind.group(2) and kind.group(2).strip("\"'").lower() in {"submit", "button", "reset"}:
            visible.add("value")
    for attribute, match in attributes.items():
        if attribute not in visible or not match.group(2):
            continue
        value = match.group(2)
        quoted = value[:1] in "\"'"
        inner = value[1:-1] if quoted else value
        if not has_words(inner.replace(_HOLE, " ")):
            continue
        # Map the value back to the source: positions in tag_text differ from the source only by holes.
        inner_start_in_tag = offset + match.start(2) + (1 if quoted else 0)
        start = _source_position(tag_start, tag_text, inner_start_in_tag, holes)
        end = _source_position(tag_start, tag_text, inner_start_in_tag + len(inner), holes)
        raw = source[start:end]
        if _HOLE in inner:
            findings.append(Unmarked(_line_of(source, start), raw))
        else:
            findings.append(
                Unmarked(_line_of(source, start), raw, (start, end), '{% translate "' + raw.replace('"', "'") + '" %}')
            )
    return findings


def _source_position(tag_start: int, tag_text: str, index: int, holes: list) -> int:
    """Where character `index` of a tag's text (with holes) is in the source."""
    position = tag_start
    hole_number = 0
    for character in tag_text[:index]:
        if character == _HOLE:
            position += holes[hole_number]
            hole_number += 1
        else:
            position += 1
    return position


def template_findings(source: str, *, plain_text: bool = False) -> list[Unmarked]:
    """Every piece of visible text in a template that is not marked for translation."""
    findings: list[Unmarked] = []
    tokens = DebugLexer(source).tokenize()
    skip_until: str | None = None
    state = "data"  # data, tag, comment, raw (inside script/style)
    raw_end = ""
    tag_text, tag_start, holes = "", 0, []
    run = _Run()

    def close_run():
        nonlocal run
        if run.parts:
            finding = _run_finding(source, run)
            if finding:
                findings.append(finding)
        run = _Run()

    for token in tokens:
        start, end = token.position
        if skip_until:
            if token.token_type == TokenType.BLOCK and token.contents.split()[:1] == [skip_until]:
                skip_until = None
            continue
        if token.token_type == TokenType.COMMENT:
            continue
        if token.token_type == TokenType.BLOCK:
            word = token.contents.split()[0] if token.contents.split() else ""
            literals = []
            if word in {"include", "with"}:
                literals = _SHOWN_KEYWORD_LITERAL.findall(token.contents)
            elif word == "firstof":
                literals = re.findall(r"""(?<![_(])("[^"]*"|'[^']*')""", token.contents)
            findings.extend(
                _literal_finding(source, token, literal) for literal in literals if has_words(literal[1:-1])
            )
            if word in _SKIPPED_BLOCKS:
                skip_until = _SKIPPED_BLOCKS[word]
            if state == "tag":
                tag_text += _HOLE
                holes.append(end - start)
            elif state == "data":
                close_run()
            continue
        if token.token_type == TokenType.VAR:
            literals = _SHOWN_FILTER_ARGUMENT.findall(token.contents)
            findings.extend(
                _literal_finding(source, token, literal) for literal in literals if has_words(literal[1:-1])
            )
            if state == "tag":
                tag_text += _HOLE
                holes.append(end - start)
            elif state == "data":
                run.add("var", token.contents, start, end)
            continue
        # Text: walk it as HTML (or line by line for plain text).
        text = token.contents
        if plain_text:
            position = start
            for line in text.splitlines(keepends=True):
                body = line.rstrip("\n")
                if body:
                    run.add("text", body, position, position + len(body))
                if line.endswith("\n"):
                    close_run()
                position += len(line)
            continue
        i = 0
        while i < len(text):
            if state == "data":
                next_tag = text.find("<", i)
                chunk_end = len(text) if next_tag == -1 else next_tag
                if chunk_end > i:
                    run.add("text", text[i:chunk_end], start + i, start + chunk_end)
                if next_tag == -1:
                    break
                close_run()
                if text.startswith("<!--", next_tag):
                    state, i = "comment", next_tag + 4
                else:
                    state, tag_text, tag_start, holes = "tag", "", start + next_tag, []
                    i = next_tag
            elif state == "comment":
                close = text.find("-->", i)
                if close == -1:
                    break
                state, i = "data", close + 3
            elif state == "raw":
                close = text.lower().find(raw_end, i)
                if close == -1:
                    break
                state, i = "tag", close
                tag_text, tag_start, holes = "", start + close, []
            else:  # inside a tag, until its > (outside quotes)
                k = i
                # Quotes may have been opened in an earlier token of the same tag.
                quote = _open_quote(tag_text)
                while k < len(text):
                    character = text[k]
                    if quote:
                        if character == quote:
                            quote = None
                    elif character in "\"'" and re.search(r"=\s*$", tag_text + text[i:k]):
                        quote = character
                    elif character == ">":
                        break
                    k += 1
                tag_text += text[i:k]
                if k == len(text):
                    break
                tag_text += ">"
                findings.extend(_attribute_findings(source, tag_text, tag_start, holes))
                name = re.match(r"<\s*([a-zA-Z0-9-]+)", tag_text)
                if name and name.group(1).lower() in {"script", "style"}:
                    state, raw_end = "raw", f"</{name.group(1).lower()}"
                else:
                    state = "data"
                i = k + 1
    close_run()
    return findings


def _open_quote(tag_text: str) -> str | None:
    quote = None
    for index, character in enumerate(tag_text):
        if quote:
            if character == quote:
                quote = None
        elif character in "\"'" and re.search(r"=\s*$", tag_text[:index]):
            quote = character
    return quote


def fixed(source: str, *, plain_text: bool = False) -> str:
    """The template with every mechanically fixable finding marked (and {% load i18n %} added)."""
    edits = sorted(
        (finding for finding in template_findings(source, plain_text=plain_text) if finding.span),
        key=lambda finding: finding.span[0],
        reverse=True,
    )
    if not edits:
        return source
    for finding in edits:
        start, end = finding.span
        source = source[:start] + finding.replacement + source[end:]
    return _with_i18n_loaded(source)


def _with_i18n_loaded(source: str) -> str:
    if re.search(r"{%\s*load\b[^%]*\bi18n\b", source):
        return source
    extends = re.match(r"\s*{%\s*extends\s[^%]*%}\n?", source)
    if extends:
        return source[: extends.end()] + "{% load i18n %}\n" + source[extends.end() :]
    load = re.match(r"{%\s*load\s+([^%]*)%}", source)
    if load:
        return "{% load " + load.group(1).strip() + " i18n %}" + source[load.end() :]
    return "{% load i18n %}" + source


# --- Which templates residents see ------------------------------------------------------------


def resident_templates(base: Path) -> list[Path]:
    """Every template residents (or the public) see: the project's and each app's, not admin's."""
    found = []
    for path in sorted(base.rglob("templates/**/*")):
        if not path.is_file() or path.suffix not in {".html", ".txt"}:
            continue
        relative = path.relative_to(base).parts
        if ".venv" in relative or "node_modules" in relative or "staticfiles" in relative:
            continue
        inside = relative[relative.index("templates") + 1 :]
        if inside[0] in RESIDENT_TEMPLATE_SCOPE["admin_folders"]:
            continue
        found.append(path)
    return found


RESIDENT_TEMPLATE_SCOPE = {
    # Officers' pages in the Django admin are English only.
    "admin_folders": {"admin"},
}


# --- Python: the words forms, views and messages give residents --------------------------------

_TRANSLATING_CALLS = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
# Keyword arguments (and dictionary keys) whose text is shown to residents.
_SHOWN_KEYWORDS = {
    "label",
    "help_text",
    "empty_label",
    "legend",
    "page_title",
    "template_title",
    "success_message",
    "intro",
}
_SHOWN_DICTIONARIES = {"labels", "help_texts", "error_messages"}
_MESSAGE_LEVELS = {"success", "info", "warning", "error", "debug"}
# Calls whose first n arguments residents read: the ways to get involved (engagement/framework.py)
# and the links apps add to the account page.
_SHOWN_ARGUMENTS = {"Element": 2, "Group": 1, "register_account_link": 1}


def _is_text(node) -> bool:
    import ast

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return has_words(node.value)
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(value, ast.Constant) and has_words(str(value.value)) for value in node.values)
    return False


def _shown_text_nodes(tree):
    """Each string literal in a place where residents read it (not yet inside a translating call)."""
    import ast

    def texts_in(node):
        """The literal itself, or the labels of a list of choices, or the values of a dict of words."""
        if _is_text(node):
            yield node
        elif isinstance(node, ast.Dict):
            for value in node.values:
                yield from texts_in(value)
        elif isinstance(node, ast.List | ast.Tuple):
            for element in node.elts:
                if isinstance(element, ast.Tuple) and len(element.elts) == 2:
                    yield from texts_in(element.elts[1])

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
            for keyword in node.keywords:
                if keyword.arg in _SHOWN_KEYWORDS or keyword.arg == "choices" or keyword.arg == "error_messages":
                    yield from texts_in(keyword.value)
            if name == "ValidationError" and node.args:
                yield from texts_in(node.args[0])
            elif (
                name in {"add_error", "Submit", "Button"}
                and len(node.args) >= 2
                or (
                    name in _MESSAGE_LEVELS
                    and isinstance(function, ast.Attribute)
                    and isinstance(function.value, ast.Name)
                    and function.value.id == "messages"
                    and len(node.args) >= 2
                )
            ):
                yield from texts_in(node.args[1])
            elif name in _SHOWN_ARGUMENTS:
                for argument in node.args[: _SHOWN_ARGUMENTS[name]]:
                    yield from texts_in(argument)
        elif isinstance(node, ast.Assign):
            if any(_shows_what_is_assigned(target) for target in node.targets):
                yield from texts_in(node.value)
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value in _SHOWN_KEYWORDS:
                    yield from texts_in(value)


def _shows_what_is_assigned(target) -> bool:
    """`labels = {…}`, `KIND_CHOICES = […]`, `field.help_text = "…"`, `field.error_messages["required"] = "…"`."""
    import ast

    if isinstance(target, ast.Name):
        return target.id in _SHOWN_DICTIONARIES or target.id.endswith("_CHOICES")
    if isinstance(target, ast.Attribute):
        return target.attr in _SHOWN_KEYWORDS
    if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute):
        return target.value.attr in _SHOWN_DICTIONARIES
    return False


def _translated_nodes(tree) -> set[int]:
    import ast

    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
            if name in _TRANSLATING_CALLS:
                inside.update(id(child) for argument in node.args for child in ast.walk(argument))
    return inside


def python_findings(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string residents read in this module that is not marked."""
    import ast

    tree = ast.parse(source)
    translated = _translated_nodes(tree)
    seen = set()
    findings = []
    for node in _shown_text_nodes(tree):
        if id(node) in translated or id(node) in seen:
            continue
        seen.add(id(node))
        findings.append((node.lineno, ast.get_source_segment(source, node) or ""))
    return sorted(findings)


def resident_python_files(base: Path) -> list[Path]:
    """The forms and views residents use (each app's, not the admin's, not tests), the ways to get
    involved and the account page's links."""
    found = []
    patterns = ("**/forms.py", "**/forms/*.py", "**/views.py", "**/views/*.py", "**/apps.py", "engagement/framework.py")
    for pattern in patterns:
        for path in base.glob(pattern):
            parts = path.relative_to(base).parts
            if {".venv", "admin", "tests", "migrations", "node_modules"} & set(parts):
                continue
            found.append(path)
    return sorted(set(found))


# --- Models' choices: every label marked with gettext_lazy ---------------------------------------

_CHOICES_CLASS = re.compile(r"^\s*class\s+\w+\([^)]*Choices\b", re.MULTILINE)


def choices_findings(choices_classes) -> list[tuple[str, str]]:
    """(class, label) for each label of these choices not marked for translation: a plain string, or the
    label Django makes up from a member's name when none is given."""
    from django.utils.functional import Promise

    return [
        (f"{cls.__module__}.{cls.__qualname__}", str(label))
        for cls in choices_classes
        for _value, label in cls.choices
        if not isinstance(label, Promise)
    ]


def project_choices(base: Path) -> list[type]:
    """Every TextChoices and IntegerChoices class the project defines (not Django's, not tests')."""
    import importlib

    from django.db.models import Choices

    modules = set()
    for path in base.rglob("*.py"):
        parts = path.relative_to(base).parts
        if {".venv", "tests", "migrations", "node_modules", "scripts"} & set(parts):
            continue
        if not _CHOICES_CLASS.search(path.read_text()):
            continue
        names = list(parts[:-1]) + ([] if path.stem == "__init__" else [path.stem])
        modules.add(importlib.import_module(".".join(names)).__name__)

    found, waiting = [], list(Choices.__subclasses__())
    while waiting:
        cls = waiting.pop()
        waiting.extend(cls.__subclasses__())
        if cls.__module__ in modules:
            found.append(cls)
    return sorted(found, key=lambda cls: (cls.__module__, cls.__qualname__))
