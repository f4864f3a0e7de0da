"""docker-compose.yml is a deliverable that cannot run here (no Docker engine): check it by parsing."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def test_compose_has_the_production_services() -> None:
    assert {"web", "worker-gpu", "worker-cpu", "postgres", "redis"} <= set(SERVICES)
    assert "pgdata:/var/lib/postgresql/data" in SERVICES["postgres"]["volumes"]
    assert "pgdata" in COMPOSE["volumes"]


def test_gpu_worker_reserves_an_nvidia_device_and_serves_interactive_and_batch() -> None:
    worker = SERVICES["worker-gpu"]
    devices = worker["deploy"]["resources"]["reservations"]["devices"]
    assert devices[0]["driver"] == "nvidia" and "gpu" in devices[0]["capabilities"]
    queues = worker["command"][worker["command"].index("-Q") + 1].split(",")
    assert set(queues) == {"interactive", "batch"}
    cpu = SERVICES["worker-cpu"]["command"]
    assert cpu[cpu.index("-Q") + 1] == "cpu"


def _resolve(dotted: str) -> object:
    module_name, _, attribute = dotted.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attribute) if attribute else module


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_every_command_names_a_real_entry_point(name: str) -> None:
    service = SERVICES[name]
    command = service.get("command")
    if "image" in service and "build" not in service:
        assert service["image"].split(":")[0] in {"postgres", "redis"}
        return
    assert command, f"{name} has no command"
    program = command[0]
    if program == "uvicorn":
        from channels.routing import ProtocolTypeRouter

        assert isinstance(_resolve(command[1]), ProtocolTypeRouter)
    elif program == "celery":
        app = _resolve(command[command.index("-A") + 1])
        from celery import Celery

        assert isinstance(getattr(app, "celery_app", None), Celery)
        assert command[command.index("-A") + 2] == "worker"
        # Every queue named has at least one task routed to it.
        routed = {route["queue"] for route in app.celery_app.conf.task_routes.values()}  # type: ignore[attr-defined]
        for queue in command[command.index("-Q") + 1].split(","):
            assert queue in routed, f"no task is routed to queue {queue}"
    elif program == "python":
        assert command[1] == "manage.py"
        from django.core.management import get_commands

        assert command[2] in get_commands()
    else:
        pytest.fail(f"{name}: unknown program {program}")
    dockerfile = ROOT / service["build"]["dockerfile"]
    assert dockerfile.is_file()


def test_platform_holds_deployment_files_not_python() -> None:
    platform_dir = ROOT / "platform"
    assert not (platform_dir / "__init__.py").exists()
    assert not list(platform_dir.rglob("*.py"))
    for name in ("Dockerfile.web", "Dockerfile.worker-cuda", "nginx.conf", "env.example"):
        assert (platform_dir / name).is_file()
