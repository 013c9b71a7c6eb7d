"""An email backend for drills with a real worker: a slow mail server whose every email can be counted.

Set EMAIL_BACKEND=engagement.messaging.tests.counting_email.CountingEmailBackend, TEST_EMAIL_LOG to a file
and TEST_EMAIL_DELAY_SECONDS to how long each send takes: each email's reference is appended to the file.
"""

import os
import time

from django.core.mail.backends.base import BaseEmailBackend


class CountingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        time.sleep(float(os.environ.get("TEST_EMAIL_DELAY_SECONDS", "0")))
        with open(os.environ["TEST_EMAIL_LOG"], "a") as log:
            for email in email_messages:
                log.write(email.extra_headers.get("X-Resident-Voice-Reference", "") + "\n")
        return len(email_messages)
