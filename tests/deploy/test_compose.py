"""The deployments cannot run here (no Docker engine, no cluster): check docker-compose.yml, the
Kubernetes manifests (platform/k8s/) and `make demo`'s supervisord configuration by parsing them.

Clicks never wait for batch work: in each of them no worker serves `interactive`
together with another queue, and every queue the code sends tasks to is served by some worker.
Jobs heal without a restart: each runs exactly one Celery beat, which sends the job reconciler
to a queue a worker serves, often enough to resume a dead worker's job within 90 s.
"""

from __future__ import annotations

import configparser
import importlib
import re
import shlex
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
K8S = [doc for path in sorted((ROOT / "platform" / "k8s").glob("*.yaml"))
       for doc in yaml.safe_load_all(path.read_text()) if doc]
DEMO_CONF = ROOT / "scripts" / "demo-supervisord.conf"
SOURCE_DIRS = ("annotation", "inference", "config")


def _queues(command: list[str]) -> set[str]:
    return set(command[command.index("-Q") + 1].split(","))


def _is_worker(command: list[str] | None) -> bool:
    return bool(command) and "celery" in command and "worker" in command  # type: ignore[operator]


def _is_beat(command: list[str] | None) -> bool:
    return bool(command) and "celery" in command and "beat" in command  # type: ignore[operator]


def compose_workers() -> dict[str, set[str]]:
    return {name: _queues(s["command"]) for name, s in SERVICES.items() if _is_worker(s.get("command"))}


def _k8s_containers() -> list[tuple[str, dict]]:
    return [(f"{doc['metadata']['name']}/{c['name']}", c) for doc in K8S if doc["kind"] == "Deployment"
            for c in doc["spec"]["template"]["spec"]["containers"]]


def k8s_workers() -> dict[str, set[str]]:
    workers = {}
    for name, container in _k8s_containers():
        command = [*container.get("command", []), *container.get("args", [])]
        if _is_worker(command):
            workers[name] = _queues(command)
    return workers


def demo_commands() -> dict[str, list[str]]:
    """Each program of make demo's supervisord config with its command line."""
    conf = configparser.RawConfigParser()
    conf.read(DEMO_CONF)
    return {
        section.partition(":")[2]: shlex.split(conf.get(section, "command"))
        for section in conf.sections()
        if section.startswith(("program:", "fcgi-program:"))
    }


def demo_workers() -> dict[str, set[str]]:
    return {name: _queues(command) for name, command in demo_commands().items() if _is_worker(command)}


def queues_used_by_the_code() -> set[str]:
    """Where tasks are sent: the default queue, the task routes (each registered task routed as
    Celery routes it) and every queue named in the source (`queue="…"`, ("<task name>", "<queue>"))."""
    from config.celery import app

    app.loader.import_default_modules()
    used = {app.conf.task_default_queue}
    used |= {route["queue"] for route in app.conf.task_routes.values()}
    used |= {app.amqp.router.route({}, name)["queue"].name for name in app.tasks if not name.startswith("celery.")}
    named = re.compile(
        r"""\bqueue\s*=\s*["'](\w+)["']|["']queue["']\s*:\s*["'](\w+)["']"""
        r"""|["'](?:annotation|inference)[\w.]*\.tasks\.\w+["'][ \t]*,[ \t]*["'](\w+)["']"""
    )
    for folder in SOURCE_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            for match in named.finditer(path.read_text()):
                used.add(next(group for group in match.groups() if group))
    return used


DEPLOYMENTS = {"docker-compose.yml": compose_workers, "platform/k8s": k8s_workers, "make demo": demo_workers}


def compose_beats() -> dict[str, list[str]]:
    return {name: s["command"] for name, s in SERVICES.items() if _is_beat(s.get("command"))}


def k8s_beats() -> dict[str, list[str]]:
    beats = {}
    for name, container in _k8s_containers():
        command = [*container.get("command", []), *container.get("args", [])]
        if _is_beat(command):
            beats[name] = command
    return beats


def demo_beats() -> dict[str, list[str]]:
    return {name: command for name, command in demo_commands().items() if _is_beat(command)}


BEATS = {"docker-compose.yml": compose_beats, "platform/k8s": k8s_beats, "make demo": demo_beats}


def test_the_code_uses_the_three_queues() -> None:
    assert queues_used_by_the_code() == {"interactive", "batch", "cpu"}


@pytest.mark.parametrize("deployment", sorted(DEPLOYMENTS))
def test_no_worker_serves_interactive_together_with_another_queue(deployment: str) -> None:
    workers = DEPLOYMENTS[deployment]()
    assert any("interactive" in queues for queues in workers.values()), workers
    for name, queues in workers.items():
        assert "interactive" not in queues or queues == {"interactive"}, f"{deployment}: {name} serves {queues}"


@pytest.mark.parametrize("deployment", sorted(DEPLOYMENTS))
def test_every_queue_the_code_uses_is_served_and_cpu_work_has_its_own_worker(deployment: str) -> None:
    workers = DEPLOYMENTS[deployment]()
    served = set().union(*workers.values())
    assert queues_used_by_the_code() <= served, f"{deployment}: nobody serves {queues_used_by_the_code() - served}"
    # Ingest, exports and imports never wait behind GPU work: `cpu` shares no worker with a model queue.
    for name, queues in workers.items():
        assert "cpu" not in queues or queues == {"cpu"}, f"{deployment}: {name} serves {queues}"


@pytest.mark.parametrize("deployment", sorted(BEATS))
def test_each_deployment_runs_exactly_one_beat_with_a_writable_schedule(deployment: str) -> None:
    beats = BEATS[deployment]()
    assert len(beats) == 1, f"{deployment}: {sorted(beats)}"
    (command,) = beats.values()
    assert command[command.index("-A") + 1] == "config"
    assert command[command.index("-A") + 2] == "beat"
    schedule = command[command.index("--schedule") + 1]
    assert schedule.startswith(("/tmp/", "%(ENV_MASKLET_DEMO_RUN)s/")), schedule  # not the read-only app folder
    if deployment == "platform/k8s":
        (doc,) = [d for d in K8S if d["kind"] == "Deployment" and
                  any(_is_beat([*c.get("command", []), *c.get("args", [])])
                      for c in d["spec"]["template"]["spec"]["containers"])]
        assert doc["spec"]["replicas"] == 1 and doc["spec"]["strategy"]["type"] == "Recreate"


@pytest.mark.parametrize("deployment", sorted(DEPLOYMENTS))
def test_beat_sends_the_reconciler_to_a_queue_a_worker_serves(deployment: str) -> None:
    from django.conf import settings

    from config.celery import app

    app.loader.import_default_modules()
    # the job reconciler, the cleanup of expired export files (annotation/services/exports_log.py) and of expired tokens
    for task in ("annotation.tasks.reconcile_jobs", "annotation.tasks.expire_exports", "annotation.tasks.purge_expired_tokens"):
        entries = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] == task]
        assert len(entries) == 1 and task in app.tasks
        queue = app.amqp.router.route({}, task)["queue"].name
        assert queue in set().union(*DEPLOYMENTS[deployment]().values()), f"{deployment}: nobody serves {queue}"


def test_default_settings_heal_a_job_within_90_seconds() -> None:
    """A dead worker's lock lapses within JOB_LOCK_TTL seconds and the next pass comes within one
    period; a queued job whose message was lost is sent again within the grace plus one period."""
    from config.settings import base

    masklet = base.MASKLET
    assert masklet["JOB_LOCK_TTL"] + masklet["JOB_RECONCILE_PERIOD"] <= 90
    assert masklet["JOB_QUEUED_GRACE"] + masklet["JOB_RECONCILE_PERIOD"] <= 90
    assert base.CELERY_BEAT_SCHEDULE["reconcile-jobs"]["schedule"] == masklet["JOB_RECONCILE_PERIOD"]
    # A pass waiting longer than a period is dropped: a stopped consumer never finds a pile of them.
    assert base.CELERY_BEAT_SCHEDULE["reconcile-jobs"]["options"]["expires"] <= masklet["JOB_RECONCILE_PERIOD"]


def test_compose_has_the_production_services() -> None:
    assert {"web", "worker-interactive", "worker-batch", "worker-cpu", "beat", "postgres", "redis"} <= set(SERVICES)
    assert "pgdata:/var/lib/postgresql/data" in SERVICES["postgres"]["volumes"]
    assert "pgdata" in COMPOSE["volumes"]


def test_compose_runs_the_interactive_and_batch_workers_on_one_gpu_one_model_each() -> None:
    devices = []
    for name in ("worker-interactive", "worker-batch"):
        worker = SERVICES[name]
        assert "--pool=solo" in worker["command"]  # one process, one model
        (device,) = worker["deploy"]["resources"]["reservations"]["devices"]
        assert device["driver"] == "nvidia" and "gpu" in device["capabilities"]
        devices.append(device["device_ids"])
    assert devices[0] == devices[1]  # the same GPU
    assert "deploy" not in SERVICES["worker-cpu"]


def test_k8s_gives_each_model_worker_a_gpu_and_the_cpu_worker_none() -> None:
    for name, container in _k8s_containers():
        command = [*container.get("command", []), *container.get("args", [])]
        if not _is_worker(command):
            continue
        limits = container.get("resources", {}).get("limits", {})
        if _queues(command) & {"interactive", "batch"}:
            assert limits.get("nvidia.com/gpu") == 1 and "--pool=solo" in command, name
        else:
            assert "nvidia.com/gpu" not in limits, name


def test_compose_redis_persists_queued_messages_in_an_append_only_file() -> None:
    redis = SERVICES["redis"]
    command = redis["command"]
    assert command[command.index("--appendonly") + 1] == "yes"
    data_dir = command[command.index("--dir") + 1] if "--dir" in command else "/data"
    volume = next(v for v in redis["volumes"] if v.split(":")[1] == data_dir)
    assert volume.split(":")[0] in COMPOSE["volumes"]  # a named volume: the file outlives the container
    assert "--save" not in command or command[command.index("--save") + 1] != ""  # nothing turns persistence off


def test_every_process_has_a_bounded_database_pool() -> None:
    """Compose sets each process's pool; PostgreSQL's max_connections covers them all with headroom."""
    postgres = SERVICES["postgres"]["command"]
    max_connections = int(postgres[postgres.index("-c") + 1].split("=")[1])
    total = 0
    for service in SERVICES.values():
        env = service.get("environment") or {}
        if service.get("command", [None])[0] in {"uvicorn", "celery"}:
            pool_max = str(env["MASKLET_DB_POOL_MAX"])
            pool_max = int(re.sub(r"\$\{\w+:-(\d+)\}", r"\1", pool_max))  # the default of ${VAR:-n}
            command = service["command"]
            processes = 1
            if _is_worker(command) and "--pool=solo" not in command:  # a beat is one process
                processes = int(next(a.split("=")[1] for a in command if a.startswith("--concurrency=")))
            total += processes * pool_max
    assert 0 < total <= max_connections - 10, (total, max_connections)


def test_the_demo_gives_clicks_and_requests_the_cpu_before_batch_and_cpu_work() -> None:
    """Without a GPU every process of `make demo` shares the CPU: the batch and cpu workers run at
    the lowest priority (nice 19: they take what clicks and requests leave), the web server and the
    interactive worker at the normal one."""
    niceness = {
        name: int(command[2]) if command[:2] == ["nice", "-n"] else 0 for name, command in demo_commands().items()
    }
    queues = demo_workers()
    for name, served in queues.items():
        assert niceness[name] == (0 if served == {"interactive"} else 19), (name, served, niceness[name])
    assert niceness["web"] == 0


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
        assert command[command.index("-A") + 2] in {"worker", "beat"}
        if command[command.index("-A") + 2] == "worker":
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
