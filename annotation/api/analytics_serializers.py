"""Input and output serializers of the effort analytics and the workspace's activity heartbeat."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from annotation.selectors.analytics import GROUPS


class EffortQuery(serializers.Serializer):
    group = serializers.ChoiceField(choices=list(GROUPS), default="annotator")
    since = serializers.DateField(required=False, allow_null=True, default=None)  # UTC day, inclusive
    until = serializers.DateField(required=False, allow_null=True, default=None)  # UTC day, inclusive

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["since"] and attrs["until"] and attrs["since"] > attrs["until"]:
            raise serializers.ValidationError({"until": "until must not be before since"})
        return attrs


class EffortRowOut(serializers.Serializer):
    key = serializers.CharField(allow_null=True, help_text="user id, task id (null: outside tasks), ISO day or project id")
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.label
    active_seconds = serializers.FloatField(help_text="gaps of 60 s or less between interactions")
    annotated_frames = serializers.IntegerField(help_text="distinct (masklet, frame) pairs made by hand or propagation")
    hand_frames = serializers.IntegerField()
    propagated_frames = serializers.IntegerField()
    clicks = serializers.IntegerField()
    corrections = serializers.IntegerField()
    edits = serializers.IntegerField()
    propagations = serializers.IntegerField()
    masklets = serializers.IntegerField()
    clicks_per_masklet = serializers.FloatField(allow_null=True)
    corrections_per_masklet = serializers.FloatField(allow_null=True)
    seconds_per_frame = serializers.FloatField(allow_null=True, help_text="active seconds per annotated frame")


class EffortOut(serializers.Serializer):
    group = serializers.ChoiceField(choices=list(GROUPS))
    scope = serializers.ChoiceField(choices=["project", "own"], help_text="own: a non-manager sees only their own work")
    rows = EffortRowOut(many=True)


class ActivityIn(serializers.Serializer):
    frame = serializers.IntegerField(min_value=0)
