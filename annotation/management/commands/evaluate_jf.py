"""`python manage.py evaluate_jf GT_DIR PRED_DIR`: J&F of two exported DAVIS-style folders (the
command line of annotation/evaluation/jf.py).

Each folder is an extracted DAVIS export (holding Annotations_objects/ or Annotations/) or a
folder of `{video}/` folders, in the per-object (`{video}/{object}/{frame}.png`) or palette
(`{video}/{frame}.png`) layout. Prints a table per object and the global score, or JSON.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotation.evaluation.jf import evaluate_folders
from annotation.formats.errors import FormatError


class Command(BaseCommand):
    help = "J&F (DAVIS / SA-V definitions) of predicted masks against ground-truth PNG folders."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "gt_dir", help="ground truth: an extracted export or {video}/ folders of PNGs"
        )
        parser.add_argument("pred_dir", help="predictions, same layout")
        parser.add_argument(
            "--skip-first-and-last",
            action="store_true",
            help="drop each video's first and last ground-truth frame (SA-V val/test protocol)",
        )
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = evaluate_folders(
                options["gt_dir"],
                options["pred_dir"],
                skip_first_and_last=options["skip_first_and_last"],
            )
        except (FormatError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        if not result.objects:
            raise CommandError("no frames to evaluate: the ground truth folders hold no PNG masks")
        self.stdout.write(
            json.dumps(result.to_dict(), indent=2) if options["json"] else result.table()
        )
