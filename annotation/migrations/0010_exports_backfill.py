"""Past-exports list for exports made before it existed: one Export row per export job, read from
the job (format, filters, counts, file). Their policy is "legacy": those exports held whatever
their filters chose, before delivery policies."""

from django.db import migrations


def backfill(apps, schema_editor):
    Job = apps.get_model("annotation", "Job")
    Export = apps.get_model("annotation", "Export")
    for job in Job.objects.filter(kind="export", export__isnull=True).iterator():
        params, result = job.params or {}, job.result or {}
        row = Export.objects.create(
            project_id=job.project_id, job=job, format=params.get("format", ""), policy="legacy",
            filters={k: params.get(k) for k in ("only_verified", "videos", "labels") if k in params},
            masklet_count=result.get("masklets"), frame_mask_count=result.get("frame_masks"),
            size_bytes=result.get("size_bytes"), path=result.get("path") or "", created_by_id=job.created_by_id,
        )
        Export.objects.filter(pk=row.pk).update(created_at=job.created_at)


def unfill(apps, schema_editor):
    apps.get_model("annotation", "Export").objects.filter(policy="legacy").delete()


class Migration(migrations.Migration):
    dependencies = [("annotation", "0009_delivery_exports_webhooks")]

    operations = [migrations.RunPython(backfill, unfill)]
