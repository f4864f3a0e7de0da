"""Plumbing shared by the selectors."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404


def get_or_404(queryset: QuerySet, pk: Any, what: str) -> Any:
    """The row `pk` of `queryset`, or Http404 ("no such <what>") for a missing or malformed id."""
    try:
        return queryset.get(pk=int(pk))
    except (ValueError, TypeError, queryset.model.DoesNotExist) as error:
        raise Http404(f"no such {what}") from error
