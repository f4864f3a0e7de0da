from django.db import models


class ModelProvenance(models.Model):
    """Which backend and model produced a mask or ran a job: one row per distinct model a worker
    ran (backend, model config, checkpoint file and SHA-256, device, dtype, input size).

    Jobs and frame masks point here by foreign key rather than copying these fields: a video
    holds frames x masklets mask rows and a deployment runs a handful of models, so each mask
    carries 8 bytes instead of ~200, and "which masks did checkpoint X produce" is one join.
    Rows are never deleted while a mask names them (PROTECT).
    """

    backend = models.CharField(max_length=16)  # "sam2" or "opencv"
    model = models.CharField(max_length=200)  # sam2 config name, or "opencv-<version>"
    checkpoint = models.CharField(max_length=255, blank=True, default="")  # file name, no folder
    checkpoint_sha256 = models.CharField(max_length=64, blank=True, default="")
    device = models.CharField(max_length=32)  # "cpu", "cuda"
    dtype = models.CharField(max_length=16, blank=True, default="")  # "float32", "bfloat16"
    image_size = models.PositiveIntegerField(default=0)  # model input side in pixels; 0: none
    label = models.CharField(max_length=300, blank=True, default="")
    first_seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["backend", "model", "checkpoint", "checkpoint_sha256", "device", "dtype", "image_size"],
                name="unique_model_provenance",
            )
        ]
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label or f"{self.backend} {self.model}"
