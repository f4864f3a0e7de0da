"""Data: make existing videos fit unique_video_file_per_project (added by 0003).

Before duplicates were refused, a project could hold one file twice. Of each such group (same
project, same hash, not failed) the oldest video keeps the hash; the others keep their frames and
annotations but give up the hash, so the constraint holds and a new upload of the file is still
refused, naming the oldest. Going back there is nothing to undo: an empty hash is valid before.
"""

from django.db import migrations
from django.db.models import Count


def clear_duplicate_hashes(apps, schema_editor):
    Video = apps.get_model("annotation", "Video")
    live = Video.objects.exclude(content_hash="").exclude(status="failed")
    groups = (
        live.values("project_id", "content_hash").annotate(n=Count("id")).filter(n__gt=1).order_by()
    )
    for group in groups:
        same = live.filter(project_id=group["project_id"], content_hash=group["content_hash"]).order_by("id")
        keep = same.values_list("id", flat=True).first()
        same.exclude(id=keep).update(content_hash="")


class Migration(migrations.Migration):
    dependencies = [("annotation", "0001_initial")]

    operations = [migrations.RunPython(clear_duplicate_hashes, migrations.RunPython.noop)]
