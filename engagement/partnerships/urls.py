from django.urls import path

from engagement.partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.partnerships, name="index"),
]
