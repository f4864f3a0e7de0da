"""Per-label attribute schemas and the values objects give them (text, select, checkbox), as in
CVAT: a label lists its attributes; a masklet of that label holds a value for some of them."""

from __future__ import annotations

from typing import Any

from annotation.services.errors import InvalidInput

ATTRIBUTE_TYPES = ("text", "select", "checkbox")
MAX_ATTRIBUTES = 32
MAX_TEXT = 1000


def attribute_schema_clean(schema: Any) -> list[dict[str, Any]]:
    """A label's attribute list, checked: unique non-empty names, a known type, and for a select
    one or more distinct options. Raises InvalidInput (400) naming the first problem."""
    if not isinstance(schema, list):
        raise InvalidInput("attributes must be a list of {name, type, options}")
    if len(schema) > MAX_ATTRIBUTES:
        raise InvalidInput(f"a label has at most {MAX_ATTRIBUTES} attributes")
    cleaned: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, item in enumerate(schema):
        if not isinstance(item, dict):
            raise InvalidInput(f"attribute {i + 1} must be an object with name and type")
        name = str(item.get("name", "")).strip()
        kind = item.get("type")
        if not name or len(name) > 100:
            raise InvalidInput(f"attribute {i + 1} needs a name of 1 to 100 characters")
        if name in seen:
            raise InvalidInput(f"two attributes are named {name!r}")
        if kind not in ATTRIBUTE_TYPES:
            raise InvalidInput(f"attribute {name!r}: type must be one of {', '.join(ATTRIBUTE_TYPES)}")
        options: list[str] = []
        if kind == "select":
            raw = item.get("options")
            if not isinstance(raw, list) or not raw:
                raise InvalidInput(f"attribute {name!r}: a select needs options")
            options = [str(o).strip() for o in raw]
            if any(not o for o in options) or len(set(options)) != len(options):
                raise InvalidInput(f"attribute {name!r}: options must be distinct and non-empty")
        seen.add(name)
        cleaned.append({"name": name, "type": kind, "options": options})
    return cleaned


def attribute_values_clean(schema: list[dict[str, Any]], values: Any) -> dict[str, Any]:
    """An object's attribute values against its label's schema: text is a string, a select one
    of its options, a checkbox true or false; names outside the schema are refused."""
    if not isinstance(values, dict):
        raise InvalidInput("attributes must be an object {name: value}")
    by_name = {a["name"]: a for a in schema}
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        attribute = by_name.get(name)
        if attribute is None:
            known = ", ".join(by_name) or "none"
            raise InvalidInput(f"the label has no attribute {name!r} (it has: {known})")
        kind = attribute["type"]
        if kind == "checkbox":
            if not isinstance(value, bool):
                raise InvalidInput(f"attribute {name!r} is a checkbox: true or false")
        elif not isinstance(value, str) or len(value) > MAX_TEXT:
            raise InvalidInput(f"attribute {name!r} takes text of at most {MAX_TEXT} characters")
        elif kind == "select" and value not in attribute["options"] and value != "":
            raise InvalidInput(f"attribute {name!r} must be one of {', '.join(attribute['options'])}")
        cleaned[name] = value
    return cleaned


def attribute_values_kept(schema: list[dict[str, Any]], values: dict[str, Any]) -> dict[str, Any]:
    """The values that still fit a (changed) schema; the others are dropped, never refused."""
    kept: dict[str, Any] = {}
    for name, value in values.items():
        try:
            kept.update(attribute_values_clean(schema, {name: value}))
        except InvalidInput:
            continue
    return kept
