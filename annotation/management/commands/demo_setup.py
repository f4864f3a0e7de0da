"""Create the demo manager, a demo project with labels and the bedroom clip (queued for ingest).

Idempotent: a second run keeps what exists and prints the same login.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand
from django.db import transaction

from annotation.models import Project, Video
from annotation.services import projects as project_services
from annotation.services import videos as video_services

# demo/bedroom.mp4 in the repository (origin and licence: demo/README.md).
DEMO_CLIP = Path(__file__).resolve().parents[3] / "demo" / "bedroom.mp4"
DEMO_USERS = [("demo", "manager"), ("annotator", "annotator"), ("reviewer", "reviewer")]


class Command(BaseCommand):
    help = "Create the demo users and project (with the bedroom clip) and print the login."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--password", default=os.environ.get("MASKLET_DEMO_PASSWORD", "masklet-demo"))
        parser.add_argument("--video", default=str(DEMO_CLIP), help="video to upload (default: %(default)s)")

    @transaction.atomic
    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        User = get_user_model()
        users = {}
        for username, _role in DEMO_USERS:
            user, created = User.objects.get_or_create(username=username)
            if created:
                user.set_password(options["password"])
                user.save()
            users[username] = user
        project = Project.objects.filter(name="Demo: bedroom", memberships__user=users["demo"]).first()
        if project is None:
            project = project_services.project_create(
                user=users["demo"],
                name="Demo: bedroom",
                description="The SAM 2 bedroom clip: two children jumping on a bed.",
                annotation_fps=None,
            )
            for name, color in (("person", "#e6194b"), ("furniture", "#3cb44b"), ("toy", "#4363d8")):
                project_services.label_create(project=project, name=name, color=color)
            project_services.membership_add(project=project, user="annotator", role="annotator")
            project_services.membership_add(project=project, user="reviewer", role="reviewer")
        video_path = Path(options["video"])
        if not Video.objects.filter(project=project).exists():
            if video_path.is_file():
                with video_path.open("rb") as handle:
                    upload = File(handle, name=video_path.name)
                    upload.size = video_path.stat().st_size
                    video_services.video_upload(project=project, user=users["demo"], upload=upload, name="bedroom")
                self.stdout.write(f"Queued {video_path.name} for ingest.")
            else:
                self.stdout.write(self.style.WARNING(f"No demo video at {video_path}; upload one in the browser."))
        self.stdout.write(
            self.style.SUCCESS(
                "\nMasklet demo login: username 'demo' (manager), password "
                f"'{options['password']}'  (also 'annotator' and 'reviewer' with the same password)\n"
            )
        )
