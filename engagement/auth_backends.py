"""How the signed-in person is read on each request: their account and resident record in one query.

Every resident page needs both (engagement/views/residents.py), and the account alone would cost a
second query for the record. Django's own and allauth's backends, with only get_user changed.
"""

from allauth.account import auth_backends as allauth_backends
from django.contrib.auth import backends as django_backends
from django.contrib.auth import get_user_model

# What every resident page reads of the record (Resident.objects.with_home()).
RESIDENT_WITH_HOME = "resident__tenancy__home__block__estate__ward"


class _ResidentWithUser:
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related(RESIDENT_WITH_HOME)
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class ModelBackend(_ResidentWithUser, django_backends.ModelBackend):
    pass


class AuthenticationBackend(_ResidentWithUser, allauth_backends.AuthenticationBackend):
    pass
