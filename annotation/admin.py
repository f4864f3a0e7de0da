from django.contrib import admin

from annotation.models import (
    FrameMask,
    Job,
    Label,
    Masklet,
    Membership,
    Project,
    ReviewIssue,
    Task,
    Video,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


class LabelInline(admin.TabularInline):
    model = Label
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "annotation_fps", "created_at"]
    search_fields = ["name"]
    inlines = [MembershipInline, LabelInline]


@admin.register(Video)
class VideoAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "project", "status", "width", "height", "frame_count"]
    list_filter = ["status"]
    search_fields = ["name", "content_hash"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["id", "video", "assignee", "reviewer", "state"]
    list_filter = ["state"]


@admin.register(Masklet)
class MaskletAdmin(admin.ModelAdmin):
    list_display = ["id", "video", "number", "label", "origin", "status"]
    list_filter = ["origin", "status"]


@admin.register(FrameMask)
class FrameMaskAdmin(admin.ModelAdmin):
    list_display = ["id", "masklet", "frame", "source", "area", "version"]
    list_filter = ["source"]
    raw_id_fields = ["masklet", "job"]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "status", "progress", "project", "video", "created_at"]
    list_filter = ["kind", "status"]


@admin.register(ReviewIssue)
class ReviewIssueAdmin(admin.ModelAdmin):
    list_display = ["id", "video", "frame", "masklet", "resolved"]
