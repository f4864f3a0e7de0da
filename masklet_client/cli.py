"""`masklet` command line: a thin layer over masklet_client.sdk.Client.

Token from --token or MASKLET_TOKEN, server from --url or MASKLET_URL. Errors print one line
("error: ...") on stderr and exit non-zero: 1 for API and job errors, 2 for usage.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

import requests

from .sdk import APIError, Client, JobFailed

DEFAULT_URL = "http://localhost:8000"
FORMATS = ("sav", "coco", "davis")
MASKLET_STATUSES = ("draft", "needs_verification", "verified", "rejected")
TASK_STATES = ("new", "in_progress", "submitted", "accepted", "rejected")


class UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="masklet", description="Masklet API client")
    parser.add_argument(
        "--url", default=None, help=f"server (default $MASKLET_URL or {DEFAULT_URL})"
    )
    parser.add_argument("--token", default=None, help="API token (default $MASKLET_TOKEN)")
    parser.add_argument("--json", action="store_true", help="print API answers as JSON")
    sub = parser.add_subparsers(dest="command", required=True)

    login = sub.add_parser("login", help="get a token (prints it for MASKLET_TOKEN)")
    login.add_argument("--username", required=True)
    login.add_argument("--password", help="prompted for when left out")

    sub.add_parser("logout", help="revoke the API token in use (--token or MASKLET_TOKEN)")
    sub.add_parser("status", help="which backends and models the live workers run, per queue")

    projects = sub.add_parser("projects", help="list projects, or create one")
    projects.add_argument("--create", metavar="NAME", help="create a project with this name")
    projects.add_argument("--description", default="")
    projects.add_argument("--fps", type=float, help="annotation fps of the new project")

    upload = sub.add_parser("upload", help="upload a video into a project")
    upload.add_argument("project", type=int)
    upload.add_argument("file")
    upload.add_argument("--wait", action="store_true", help="wait for processing to finish")

    export = sub.add_parser("export", help="start an export of a project")
    export.add_argument("project", type=int)
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument("--only-verified", action="store_true")
    export.add_argument("--video", type=int, action="append", dest="videos", help="repeatable")
    export.add_argument("--label", type=int, action="append", dest="labels", help="label id; repeatable")
    export.add_argument(
        "--status", action="append", dest="statuses", choices=MASKLET_STATUSES, help="masklet status; repeatable"
    )
    export.add_argument(
        "--task-state", action="append", dest="task_states", choices=TASK_STATES,
        help="only frames inside tasks in this state; repeatable",
    )
    export.add_argument("--frame-start", type=int, help="first annotated frame (inclusive)")
    export.add_argument("--frame-end", type=int, help="last annotated frame (inclusive)")
    export.add_argument("--output", help="wait, then download the export here")
    export.add_argument("--wait", action="store_true")

    exports = sub.add_parser("exports", help="list a project's past exports")
    exports.add_argument("project", type=int)

    imp = sub.add_parser("import", help="import annotations into a video")
    imp.add_argument("video", type=int)
    imp.add_argument("file")
    imp.add_argument("--format", choices=FORMATS, required=True)
    imp.add_argument("--wait", action="store_true")

    wait = sub.add_parser("wait", help="wait for a job, with a progress bar")
    wait.add_argument("job", type=int)
    wait.add_argument("--timeout", type=float)

    download = sub.add_parser("download", help="download a finished export job's file")
    download.add_argument("job", type=int)
    download.add_argument("output", help="file or folder")
    return parser


def make_client(
    args: argparse.Namespace, env: dict[str, str], *, need_token: bool = True
) -> Client:
    url = args.url or env.get("MASKLET_URL") or DEFAULT_URL
    token = args.token or env.get("MASKLET_TOKEN")
    if need_token and not token:
        raise UsageError("no API token: pass --token, set MASKLET_TOKEN, or run `masklet login`")
    return Client(url, token)


def _show(args: argparse.Namespace, value: Any, text: str) -> None:
    print(json.dumps(value, indent=2) if args.json else text)


def status_text(status: dict[str, Any]) -> str:
    """One line per queue and model: `queue<TAB>workers<TAB>label<TAB>checkpoint sha256`."""
    lines = [f"clicks: {status.get('backend_label', '')}"]
    for queue in status.get("queues", []):
        workers = len(queue.get("workers", []))
        for model in queue.get("models", []) or [{}]:
            sha = model.get("checkpoint_sha256") or "-"
            label = model.get("label") or ("no model" if workers else "no live worker")
            lines.append(f"{queue['queue']}\t{workers}\t{label}\t{sha}")
    return "\n".join(lines)
def _export_line(row: dict[str, Any]) -> str:
    state = "expired" if row.get("expired") else row.get("status", "")
    return "\t".join(
        str(v) for v in (
            row["job"], row.get("created_at", "")[:19], row.get("created_by") or "-", row.get("format"), state,
            f"{row.get('masklet_count') if row.get('masklet_count') is not None else '-'} masklets",
            f"{row.get('size_bytes') if row.get('size_bytes') is not None else '-'} bytes",
        )
    )


def run(args: argparse.Namespace, env: dict[str, str]) -> int:
    if args.command == "login":
        client = make_client(args, env, need_token=False)
        password = args.password if args.password is not None else getpass.getpass("Password: ")
        token = client.login(args.username, password)
        _show(args, {"token": token}, token)
        return 0
    if args.command == "status":
        status = make_client(args, env, need_token=False).status()
        _show(args, status, status_text(status))
        return 0
    client = make_client(args, env)
    if args.command == "logout":
        client.logout()
        _show(args, {"detail": "Logged out."}, "token revoked")
        return 0
    if args.command == "projects":
        if args.create:
            project = client.create_project(
                args.create, description=args.description, annotation_fps=args.fps
            )
            _show(args, project, f"{project['id']}\t{project.get('name', args.create)}")
        else:
            projects = client.list_projects()
            _show(args, projects, "\n".join(f"{p['id']}\t{p.get('name', '')}" for p in projects))
    elif args.command == "upload":
        video = client.upload_video(args.project, args.file)
        _show(
            args, video, f"video {video['id']} {video.get('status', '')} (job {video.get('job')})"
        )
        if args.wait and video.get("job") is not None:
            client.wait(video["job"])
    elif args.command == "export":
        job_id = client.start_export(
            args.project, args.format, only_verified=args.only_verified, videos=args.videos,
            labels=args.labels, statuses=args.statuses, task_states=args.task_states,
            frame_start=args.frame_start, frame_end=args.frame_end,
        )
        _show(args, {"job": job_id}, f"export job {job_id}")
        if args.wait or args.output:
            job = client.wait(job_id)
            if args.output:
                print(client.download_export(job, args.output))
    elif args.command == "exports":
        rows = client.list_exports(args.project)
        _show(args, rows, "\n".join(_export_line(r) for r in rows))
    elif args.command == "import":
        job_id = client.start_import(args.video, args.file, args.format)
        _show(args, {"job": job_id}, f"import job {job_id}")
        if args.wait:
            client.wait(job_id)
    elif args.command == "wait":
        job = client.wait(args.job, timeout=args.timeout)
        _show(args, job, f"job {job['id']} {job['status']}")
    elif args.command == "download":
        print(client.download_export(args.job, args.output))
    return 0


def main(argv: Sequence[str] | None = None, env: dict[str, str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    environ = dict(os.environ if env is None else env)
    try:
        return run(args, environ)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except APIError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except JobFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except TimeoutError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except requests.ConnectionError:
        print(
            f"error: cannot reach the server at {args.url or environ.get('MASKLET_URL') or DEFAULT_URL}",
            file=sys.stderr,
        )
        return 1
    except requests.RequestException as exc:
        print(f"error: the request failed: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
