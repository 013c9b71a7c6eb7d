from celery import shared_task

from engagement.services.enquiries import enquiry_acknowledge


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def acknowledge_enquiry(enquiry_id: int) -> bool:
    return enquiry_acknowledge(enquiry_id)
