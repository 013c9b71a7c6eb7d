"""Reference data the portal cannot work without, loaded by migration."""

ACCESS_NEEDS = [
    ("bsl_interpreter", "British Sign Language (BSL) interpreter"),
    ("hearing_loop", "Hearing loop"),
    ("step_free_access", "Step-free access"),
    ("large_print", "Large print"),
    ("easy_read", "Easy read"),
    ("language_interpreter", "An interpreter for another language"),
    ("carer_or_supporter", "A carer or supporter coming with me"),
    ("childcare", "Childcare"),
    ("travel_help", "Help with travel"),
]

INTERESTS = [
    ("events", "Events", "Roadshows, repairs open days, estate walkabouts, surgeries and workshops"),
    ("panels", "Panels and forums", "Resident panels, the Service and Performance Panel, leasehold and independent living forums"),
    ("surveys", "Surveys", "Short surveys by email, text or letter about housing services"),
    ("tra", "Tenants and Residents Associations", "Joining your TRA, or starting one"),
    ("training", "Training", "Courses to help you take part, like chairing meetings or reading performance reports"),
    ("volunteering", "Practical volunteering", "Litter picks, community gardening and estate projects"),
]
