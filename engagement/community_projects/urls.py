from django.urls import path

from engagement.community_projects import views

app_name = "community_projects"

urlpatterns = [
    path("", views.index, name="index"),
    path("your-ideas/", views.yours, name="yours"),
    path("<int:year>/", views.round_page, name="round"),
    path("<int:year>/propose/", views.propose, name="propose"),
    path("<int:year>/choose/", views.choose, name="choose"),
    path("<int:year>/chosen/", views.chosen, name="chosen"),
    path("<int:year>/projects/<int:pk>/", views.project, name="project"),
]
