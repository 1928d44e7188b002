"""The course itself: exercises and their self-checks, the agenda, the two editions.

``exercises`` (checking answers), ``banks`` (every exercise's expected answer,
computed through the domains), ``agenda`` (headers, timetable, glossary),
``editions`` (learner and trainer editions).
"""

import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(
    __name__,
    submod_attrs={
        "agenda": ["course_agenda", "workshop_schedule", "glossary", "notebook_header"],
        "exercises": ["CheckResult", "check", "exercise_ids"],
    },
)
