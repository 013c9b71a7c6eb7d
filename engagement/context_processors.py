from django.conf import settings

from engagement.framework import navigation


def service(request):
    return {
        "service_name": settings.SERVICE_NAME,
        "council_name": settings.COUNCIL_NAME,
        "repairs_phone": settings.REPAIRS_PHONE,
        "navigation": navigation(request),
    }
