"""How the signed-in person is read on each request: their account and resident record in one query.

Nearly every page a resident sees needs both (engagement/views/residents.py), and the account alone
would cost a second query for the record. Django's own and allauth's backends, with only get_user changed.
"""

from allauth.account import auth_backends as allauth_backends
from django.contrib.auth import backends as django_backends
from django.contrib.auth import get_user_model


class _ResidentWithUser:
    def get_user(self, user_id):
        # Their home is left to the pages that show it: joining it here made every request's query
        # several times dearer to plan and to build.
        users = get_user_model()._default_manager.select_related("resident")
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class ModelBackend(_ResidentWithUser, django_backends.ModelBackend):
    pass


class AuthenticationBackend(_ResidentWithUser, allauth_backends.AuthenticationBackend):
    pass
