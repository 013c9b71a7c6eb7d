from django.urls import path

from engagement.messaging import views

app_name = "messaging"

urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("code/", views.letter_code, name="letter_code"),
    path("notify/delivery-receipts/", views.notify_callback, name="notify_callback"),
]
