"""The course itself: exercises, progress, the learner's workspace, JupyterLab, agenda and editions.

``answers`` (the kinds of answer), ``exercises`` (the registry and its rules),
``exercise_widget`` (an exercise as a widget, ``tl.exercise``), ``banks``
(every exercise's expected answer, computed through the domains), ``progress``
(results saved in the workspace), ``progress_view`` (the table 00 shows), ``workspace`` (the
learner's own copy of the notebooks), ``lab`` (JupyterLab for the course),
``upload`` (a branch export through an upload button), ``report_saver``
(a report saved into the learner's folder), ``agenda`` (headers,
timetable, glossary), ``editions`` (learner and trainer editions).
"""

import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(
    __name__,
    submod_attrs={
        "agenda": ["course_agenda", "workshop_schedule", "glossary", "notebook_header"],
        "exercises": ["CheckResult", "check", "exercise_ids"],
        "exercise_widget": ["exercise"],
        "progress_view": ["progress_table"],
        "upload": ["load_upload", "upload_branch_export"],
        "report_saver": ["save_report", "report_saver"],
    },
)
