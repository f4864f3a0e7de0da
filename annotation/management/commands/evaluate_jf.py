"""`python manage.py evaluate_jf GT_DIR PRED_DIR`: J&F of two exported DAVIS-style folders (the
command line of annotation/evaluation/jf.py).

Each folder is an extracted DAVIS export (holding Annotations_objects/ or Annotations/) or a
folder of `{video}/` folders, in the per-object (`{video}/{object}/{frame}.png`) or palette
(`{video}/{frame}.png`) layout. Prints a table per object and the global score, or JSON.

Defaults are the official SA-V evaluator's (`sav_benchmark.py`): protocol "sav" (objects scored
from their first appearance, prediction-only objects ignored) and the first and last frame of
each object skipped (`--no-skip-first-and-last` scores them, as sav_evaluator's
`--do_not_skip_first_and_last_frame` does). `--protocol all-objects` is the stricter variant.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotation.evaluation.jf import PROTOCOLS, SAV, evaluate_folders
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
            action=argparse.BooleanOptionalAction,
            default=True,
            help="drop each object's first and last ground-truth frame (default, as the official "
            "SA-V val/test evaluation); --no-skip-first-and-last scores every frame",
        )
        parser.add_argument(
            "--protocol",
            choices=PROTOCOLS,
            default=SAV,
            help="sav (default): the official evaluator's rules; all-objects: also score objects "
            "only the prediction has, on every evaluated frame",
        )
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = evaluate_folders(
                options["gt_dir"],
                options["pred_dir"],
                skip_first_and_last=options["skip_first_and_last"],
                protocol=options["protocol"],
            )
        except (FormatError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        if not result.objects:
            raise CommandError("no objects to evaluate: the ground truth folders hold no non-empty PNG masks on the evaluated frames")
        self.stdout.write(
            json.dumps(result.to_dict(), indent=2) if options["json"] else result.table()
        )
