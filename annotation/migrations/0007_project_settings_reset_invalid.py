"""Data migration: stored project settings that the typed schema (annotation/project_settings.py)
refuses — unknown keys, wrong types, values out of range — are dropped, so those settings fall back
to their defaults. Valid overrides stay. Reversing is a no-op (the bad values are not kept)."""

from django.db import migrations


def reset_invalid_settings(apps, schema_editor):
    from annotation.project_settings import sanitized_overrides

    Project = apps.get_model("annotation", "Project")
    for project in Project.objects.only("pk", "settings").iterator():
        clean = sanitized_overrides(project.settings)
        if clean != project.settings:
            project.settings = clean
            project.save(update_fields=["settings"])


class Migration(migrations.Migration):
    dependencies = [("annotation", "0006_drop_plain_api_tokens")]

    operations = [migrations.RunPython(reset_invalid_settings, migrations.RunPython.noop)]
