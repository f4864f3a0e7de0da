"""Reads, one module per entity: querysets with their joins and annotations made here, so that
serializers never query per row. Whatever a user asks for is scoped by the permission policy
(`annotation.permissions.visible_projects`): an object outside the user's projects is a 404.

Callers import the entity module: `from annotation.selectors import videos as video_selectors`.
"""
