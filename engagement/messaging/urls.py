from django.urls import path
from django.views.generic import RedirectView

from engagement.messaging import views

app_name = "messaging"

urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # The code page is at /code/ (engagement/urls.py), short to type in; letters once said this.
    path("code/", RedirectView.as_view(pattern_name="letter_code")),
    path("notify/delivery-receipts/", views.notify_callback, name="notify_callback"),
]
