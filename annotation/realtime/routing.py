from django.urls import path

from annotation.realtime.consumers import VideoConsumer
from annotation.realtime.project_consumer import ProjectConsumer

websocket_urlpatterns = [
    path("ws/videos/<int:video_id>/", VideoConsumer.as_asgi()),
    path("ws/projects/<int:project_id>/", ProjectConsumer.as_asgi()),
]
