"""CCPR: the deck's four standards of customer experience, the case library, quizzes and exercises.

Bottom up: ``standards`` (the four standards as data), ``quiz`` (grading),
``case_display`` (HTML of a case), ``case_model``, ``case_schema`` and
``cases`` (the case files), ``lin`` (Ms Lin's what-if model),
``self_assessment``; on top, ``plotting`` and ``widgets``.
"""

import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(
    __name__,
    submod_attrs={
        "case_display": ["quiz_card"],
        "case_model": ["Case", "CaseEvent", "CasePerson"],
        "cases": ["default_case_dir", "load_case", "load_cases", "case_table", "standard_coverage"],
        "lin": ["LinScenario", "lin_scenario", "lin_call_table"],
        "plotting": ["plot_case_timeline", "plot_ccpr_radar"],
        "quiz": ["quiz_questions", "QuizFeedback", "grade_standard", "grade_touchpoint", "KeyStepOption", "key_step_question", "key_step_options"],
        "self_assessment": ["EXAMPLE_RATINGS", "SELF_ASSESSMENT_STATEMENTS", "SelfAssessment", "score_self_assessment", "self_assessment_table"],
        "standards": ["CcprStandard", "CCPR_STANDARDS", "ccpr_standard", "ccpr_table"],
        "widgets": ["case_quiz", "lin_explorer", "self_assessment_explorer"],
    },
)
