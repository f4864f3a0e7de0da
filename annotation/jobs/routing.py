"""Model roles: which installed model answers a job or a click.

The operator maps roles to model names (settings MASKLET["MODEL_ROLES"], from MASKLET_MODEL_RAPID,
MASKLET_MODEL_ACCURATE and MASKLET_MODEL_CONCEPT); a worker holds one named model
(MASKLET_MODEL_NAME, else its backend's name) and consumes that model's queues beside the shared
ones (annotation/jobs/workers.py). A job or click names a role, else its project's default role
(project settings `models.default_role`; concept jobs: "concept"):

- a role mapped to a model goes to that model's queue (`batch.model.<name>`,
  `interactive.model.<name>`); with no live worker holding the model it is refused at once
  (Unavailable, 503, naming the role and the model) rather than waiting in a queue nobody reads;
- a role the operator did not map (or no role mapped at all: one model deployed) goes to the
  shared queue, which every model worker serves, as before roles existed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from annotation.jobs.workers import model_queue, queue_workers, workers_models
from annotation.services.errors import Conflict, InvalidInput, Unavailable

ROLES = ("rapid", "accurate", "concept")
ROLE_HELP = {
    "rapid": "fast model for clicks and propagation (e.g. EdgeTAM)",
    "accurate": "best masks (e.g. SAM 2.1)",
    "concept": "text prompts: every instance of a noun phrase (SAM 3)",
}
# Model names become queue names: letters, digits, dot, dash, underscore.
MODEL_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def role_models() -> dict[str, str]:
    """The model name mapped to each role the operator mapped (unmapped roles are absent)."""
    mapped = dict(settings.MASKLET.get("MODEL_ROLES") or {})
    for role, model in mapped.items():
        if role not in ROLES or not MODEL_NAME.match(str(model)):
            raise ValueError(f"MASKLET_MODEL_{str(role).upper()}={model!r}: not a role, or not a valid model name")
    return mapped


@dataclass(frozen=True)
class ModelRoute:
    """Where work of one role goes: `model` None means the shared queue (any worker)."""

    role: str | None
    model: str | None

    def queue(self, base: str) -> str:
        """The queue for shared queue `base` ("batch" or "interactive")."""
        return model_queue(base, self.model) if self.model else base

    def params(self) -> dict[str, Any]:
        """What a job records of its route (the registry sends it, and resends it, by these)."""
        return {"role": self.role, "model": self.model}


def model_route(*, role: str | None, default_role: str | None = None) -> ModelRoute:
    """The route of work asking for `role` (None: `default_role`, e.g. the project's)."""
    chosen = role or default_role
    if chosen is None:
        return ModelRoute(None, None)
    if chosen not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)}, not {chosen!r}")
    return ModelRoute(chosen, role_models().get(chosen))


def route_workers(route: ModelRoute, base: str) -> list[str]:
    """The live workers that would take work of `route` on shared queue `base`. For a model route
    with none, raises Unavailable naming the role and the model."""
    live = queue_workers(route.queue(base))
    if route.model and not live:
        raise Unavailable(
            f'no live worker holds the model "{route.model}" of the {route.role} role ({base} queue): '
            f"ask your administrator to start a worker with that model, or to map the {route.role} role "
            f"to another one (MASKLET_MODEL_{str(route.role).upper()})"
        )
    return live


def require_capability(route: ModelRoute, base: str, capability: str, what: str) -> ModelRoute:
    """The route of work only some models can do, refused when no live worker of `route` can:
    Unavailable when no worker is live, Conflict (409) naming the models they hold when none
    announces `capability`. A route with no model (its role unmapped) is narrowed to the queue of
    a live model that announces it, so that a worker of another model on the shared queue does not
    take the work. A worker that announced no capabilities (loaded by a prefork pool's children)
    is given the benefit of doubt."""
    live = route_workers(route, base)
    if not live:
        raise Unavailable(f"no inference worker serves {what} right now: ask your administrator to start one")
    held = workers_models(live)
    capable = sorted({str(m["name"]) for m in held.values() if m and capability in (m.get("capabilities") or ())})
    if capable:
        return route if route.model else ModelRoute(route.role, capable[0])
    if any(m is None or m.get("capabilities") is None for m in held.values()):
        return route
    names = sorted({str(m["name"]) for m in held.values() if m})
    raise Conflict(
        f"the model{'s' if len(names) > 1 else ''} {', '.join(names)} "
        f"{'do' if len(names) > 1 else 'does'} not support {what}"
        + (f" (role {route.role})" if route.role else "")
        + ": map the concept role to a model that does (MASKLET_MODEL_CONCEPT, e.g. sam3)"
    )


def roles_status() -> list[dict[str, Any]]:
    """Per role: the model mapped (None: any worker, the shared queues) and the live workers
    serving it on the interactive and batch queues (/api/status/)."""
    mapped = role_models()
    rows = []
    for role in ROLES:
        route = ModelRoute(role, mapped.get(role))
        serving = {base: queue_workers(route.queue(base)) for base in ("interactive", "batch")}
        held = workers_models({w for ws in serving.values() for w in ws})
        models = sorted({str(m["name"]) for m in held.values() if m})
        rows.append({
            "role": role,
            "description": ROLE_HELP[role],
            "model": route.model,
            "interactive_workers": serving["interactive"],
            "batch_workers": serving["batch"],
            "served": bool(serving["interactive"] or serving["batch"]),
            "models": models,
        })
    return rows
