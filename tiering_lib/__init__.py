"""tiering_lib — customer tiering (客户分层) for the 客户分层工作手册 workbook.

This file is the whole public API: every public name is imported (or, for the
plotting and widget helpers, lazily provided) here and listed in ``__all__``.

Importing the package changes no global setting and does not import pandas,
matplotlib or ipywidgets; those load when a function that needs them is called.
Call :func:`use_chinese_fonts` before plotting so Chinese labels render.
"""

from __future__ import annotations

import importlib
from typing import Any

from ._classify import as_balances, balances_from_text, classify, tier_codes
from ._concentration import (
    GiniBounds,
    band_distribution,
    gini,
    gini_banded,
    gini_bounds,
    lorenz_banded,
    lorenz_points,
    top_share,
    top_share_banded,
)
from ._data import (
    Comparison,
    PublishedTable,
    compare_with_published,
    load_customer_profile,
    load_published,
    load_suzhou_bands,
    read_dataset,
)
from ._errors import DataError, SchemeError, TieringError
from ._fast import SortedBalances
from ._money import UNITS, fen_to_unit, format_amount, format_percent, round_half_up, to_fen
from ._schemes import (
    SEGMENTS,
    Tier,
    TierScheme,
    builtin_scheme,
    builtin_scheme_names,
    load_scheme,
    scheme_from_dict,
)
from ._synth import SYNTH_SEED, scaled_bands, synthesize_population
from ._tables import DistributionTable, reaggregate, table_from_balances, table_from_bands
from ._exercises import CheckResult, check, exercise_ids
from ._course import course_agenda, glossary, notebook_header, workshop_schedule
from ._describe import describe_concentration, scheme_frame, tier_assignments
from ._deposits import (
    DECK_PROFILE,
    GROWTH_PROFILES,
    DepositAssumptions,
    DepositProfit,
    deposit_profit,
    load_executive_quote,
    monthly_inflows,
    compare_with_quote,
    deposits_needed_for,
    profit_by_profile,
)
# [cases] imports (CCPR case studies)
from ._ccpr import CCPR_STANDARDS, CcprStandard, QuizFeedback, ccpr_standard, ccpr_table, grade_standard, grade_touchpoint, quiz_questions
from ._cases import Case, CaseError, CaseEvent, CasePerson, case_table, default_case_dir, load_case, load_cases, standard_coverage
# (quiz_card, Ms Lin's model and the self-assessment load lazily: see _LAZY)
# [/cases]
# [service] imports (services, queue, contribution, maintenance)
from ._service_data import (
    growth_system,
    maintenance_guide,
    maintenance_process_table,
    needs_strategies_table,
    quality_services_table,
    service_matrix,
    service_matrix_table,
)
from ._branch import BRANCH_SEED, PRODUCT_LINES, BranchBook, synthesize_branch
from ._metrics import (
    CROSS_SELL_DEFINITIONS,
    AumChange,
    aum_change,
    cross_sell_rate,
    cross_sell_table,
    key_metrics_table,
    products_per_customer,
    share_two_or_more,
    waiting_stats,
)
from ._queue_config import QUEUE_SEED, QueueConfig, QueueError, default_queue_config
from ._queue import QueueResult, compare_vip_window, queue_scenario, simulate_counters, simulate_queue
from ._contribution import (
    ABC_NAMES,
    Contribution,
    ContributionAssumptions,
    abc_classes,
    abc_table,
    contribution_scenario,
    customer_contribution,
    load_contribution_assumptions,
)
from ._pricing import pricing_table, relationship_price
from ._wealth import (
    NOT_WEALTH,
    CrossSellSuggestion,
    adviser_services_table,
    assign_wealth_segments,
    cross_sell_suggestions,
    product_gaps,
    product_shelf,
    segment_overview,
    segment_product_table,
    wealth_segments,
)
from ._maintenance import (
    PlanError,
    PlanSettings,
    info_completeness,
    info_scores,
    info_weights,
    load_plan_settings,
    missing_info,
)
from ._plan import ContactTask, MaintenancePlan, due_tasks, maintenance_plan, schedule_contacts
from ._maintenance_report import (
    export_plan,
    incident_checklist,
    incident_list,
    info_by_tier,
    info_fields_table,
    rm_books_table,
)
# [/service]
# [byod] imports (branch data loader, masking, report)
from ._amounts import AmountError, parse_amount
from ._columns import COLUMN_SYNONYMS
from ._loader import load_branch_export, load_sample_export
from ._loadresult import REJECT_REASONS, BranchFileError, LoadResult, RejectedRow
from ._privacy import mask_id_card, mask_name, mask_phone, mask_text
from ._report import TierReport, read_report, tier_report
# [/byod]

__version__ = "0.1.0"

# Names whose modules import matplotlib or ipywidgets: loaded on first use.
_LAZY: dict[str, str] = {
    "use_chinese_fonts": "._fonts",
    "chinese_font_path": "._fonts",
    "plot_shares": "._plots",
    "plot_lorenz": "._plots",
    "plot_average_balance": "._plots",
    "plot_customer_profile": "._plots",
    "plot_deposit_profit": "._plots",
    "threshold_explorer": "._widgets",
    "explorer_table": "._widgets",
    "balance_lookup": "._widgets",
    "deposit_profit_explorer": "._widgets",
    # [cases] lazy names (pure modules too, to keep `import tiering_lib` fast)
    "quiz_card": "._case_html",
    "LinScenario": "._ccpr_lin",
    "lin_scenario": "._ccpr_lin",
    "lin_call_table": "._ccpr_lin",
    "EXAMPLE_RATINGS": "._ccpr_assess",
    "SELF_ASSESSMENT_STATEMENTS": "._ccpr_assess",
    "SelfAssessment": "._ccpr_assess",
    "score_self_assessment": "._ccpr_assess",
    "self_assessment_table": "._ccpr_assess",
    "plot_case_timeline": "._case_plots",
    "plot_ccpr_radar": "._case_plots",
    "case_quiz": "._ccpr_widgets",
    "lin_explorer": "._ccpr_widgets",
    "self_assessment_explorer": "._ccpr_widgets",
    # [/cases]
    # [service] lazy names
    "plot_waiting_times": "._service_plots",
    "plot_vip_comparison": "._service_plots",
    "plot_contribution_by_tier": "._service_plots",
    "plot_contribution_curve": "._service_plots",
    "plot_plan_load": "._service_plots",
    "queue_explorer": "._service_widgets",
    "contribution_explorer": "._service_widgets",
    # [/service]
    # [byod] lazy names
    "plot_rejections": "._plots_byod",
    "plot_balance_histogram": "._plots_byod",
    # [/byod]
}

__all__ = [
    # errors
    "TieringError",
    "SchemeError",
    "DataError",
    # money
    "UNITS",
    "to_fen",
    "fen_to_unit",
    "round_half_up",
    "format_amount",
    "format_percent",
    # schemes
    "SEGMENTS",
    "Tier",
    "TierScheme",
    "scheme_from_dict",
    "load_scheme",
    "builtin_scheme",
    "builtin_scheme_names",
    # classification and tables
    "as_balances",
    "balances_from_text",
    "classify",
    "tier_codes",
    "DistributionTable",
    "table_from_balances",
    "table_from_bands",
    "reaggregate",
    "SortedBalances",
    # data
    "read_dataset",
    "load_suzhou_bands",
    "PublishedTable",
    "load_published",
    "Comparison",
    "compare_with_published",
    "load_customer_profile",
    # concentration
    "gini",
    "lorenz_points",
    "top_share",
    "band_distribution",
    "gini_banded",
    "GiniBounds",
    "gini_bounds",
    "lorenz_banded",
    "top_share_banded",
    # synthesis
    "SYNTH_SEED",
    "scaled_bands",
    "synthesize_population",
    # exercises and course
    "CheckResult",
    "check",
    "exercise_ids",
    "course_agenda",
    "workshop_schedule",
    "glossary",
    "notebook_header",
    # explaining schemes and tables
    "describe_concentration",
    "scheme_frame",
    "tier_assignments",
    # deposits versus fee income
    "DepositAssumptions",
    "DepositProfit",
    "GROWTH_PROFILES",
    "DECK_PROFILE",
    "monthly_inflows",
    "deposit_profit",
    "load_executive_quote",
    "profit_by_profile",
    "compare_with_quote",
    "deposits_needed_for",
    # [cases] public names
    "CcprStandard",
    "CCPR_STANDARDS",
    "ccpr_standard",
    "ccpr_table",
    "Case",
    "CaseError",
    "CaseEvent",
    "CasePerson",
    "default_case_dir",
    "load_case",
    "load_cases",
    "case_table",
    "standard_coverage",
    "quiz_questions",
    "QuizFeedback",
    "grade_standard",
    "grade_touchpoint",
    # [/cases]
    # [service] public names
    # serving each tier: the deck's service content
    "service_matrix",
    "service_matrix_table",
    "needs_strategies_table",
    "quality_services_table",
    "growth_system",
    "maintenance_guide",
    "maintenance_process_table",
    # the synthetic branch and the key metrics
    "BRANCH_SEED",
    "PRODUCT_LINES",
    "BranchBook",
    "synthesize_branch",
    "CROSS_SELL_DEFINITIONS",
    "AumChange",
    "aum_change",
    "products_per_customer",
    "share_two_or_more",
    "cross_sell_rate",
    "cross_sell_table",
    "waiting_stats",
    "key_metrics_table",
    # the branch queue
    "QUEUE_SEED",
    "QueueError",
    "QueueConfig",
    "QueueResult",
    "simulate_counters",
    "simulate_queue",
    "default_queue_config",
    "compare_vip_window",
    "queue_scenario",
    # customer contribution (客户经营ABC)
    "ABC_NAMES",
    "ContributionAssumptions",
    "Contribution",
    "load_contribution_assumptions",
    "customer_contribution",
    "abc_classes",
    "abc_table",
    "relationship_price",
    "pricing_table",
    "contribution_scenario",
    # wealth segments and cross-selling
    "NOT_WEALTH",
    "product_shelf",
    "wealth_segments",
    "assign_wealth_segments",
    "product_gaps",
    "CrossSellSuggestion",
    "cross_sell_suggestions",
    "segment_product_table",
    "adviser_services_table",
    "segment_overview",
    # the maintenance process
    "PlanError",
    "PlanSettings",
    "load_plan_settings",
    "info_weights",
    "info_completeness",
    "info_scores",
    "missing_info",
    "ContactTask",
    "due_tasks",
    "MaintenancePlan",
    "schedule_contacts",
    "maintenance_plan",
    "rm_books_table",
    "info_fields_table",
    "info_by_tier",
    "incident_list",
    "incident_checklist",
    "export_plan",
    # [/service]
    # [byod] public names
    "BranchFileError",
    "AmountError",
    "parse_amount",
    "COLUMN_SYNONYMS",
    "REJECT_REASONS",
    "RejectedRow",
    "LoadResult",
    "load_branch_export",
    "load_sample_export",
    "mask_id_card",
    "mask_phone",
    "mask_name",
    "mask_text",
    "TierReport",
    "tier_report",
    "read_report",
    # [/byod]
    # plots, fonts and widgets (lazy)
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tiering_lib' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
