"""The course itself: exercises, progress, the learner's workspace, JupyterLab, agenda and editions.

``answers`` (the kinds of answer), ``exercises`` (the registry and its rules),
``exercise_widget`` (an exercise as a widget, ``tl.exercise``), ``banks``
(every exercise's expected answer, computed through the domains), ``progress``
(results saved in the workspace), ``progress_view`` (the table 00 shows), ``workspace`` (the
learner's own copy of the notebooks), ``lab`` (JupyterLab for the course),
``upload`` (a branch export through an upload button), ``report_saver``
(a report saved into the learner's folder), ``plan_export`` (a
maintenance plan saved as Excel or CSV), ``agenda`` (headers,
timetable, glossary), ``editions`` (learner and trainer editions), ``action_plan``,
``action_plan_template``, ``action_plan_export`` and ``action_plan_form`` (each learner's branch
action plan: the trainer's template, the plan, its files, the form).
"""

import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(
    __name__,
    submod_attrs={
        "action_plan": ["Action", "ActionPlan", "action_problems", "plan_problems", "plan_sections", "meetings_table"],
        "action_plan_export": ["ExportedPlan", "action_plan_html", "export_action_plan"],
        "action_plan_form": ["action_plan_form", "read_form"],
        "action_plan_template": ["ActionPlanTemplate", "load_action_plan_template"],
        "agenda": ["course_agenda", "workshop_schedule", "glossary", "notebook_header"],
        "exercises": ["CheckResult", "check", "exercise_ids"],
        "exercise_widget": ["exercise"],
        "progress_view": ["progress_table"],
        "upload": ["load_upload", "upload_branch_export"],
        "plan_export": ["plan_export"],
        "report_saver": ["save_report", "report_saver"],
    },
)
