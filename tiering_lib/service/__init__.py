"""Serving each tier: the deck's service content, deposits versus fees, the synthetic branch and its metrics.

``content`` (the deck's service tables), ``deposits`` and ``deposit_quote``
(the arithmetic of the speech the deck quotes), ``book`` and ``branch`` (a
synthetic customer book), ``metrics`` (each segment's key metric), ``queue_config``, ``counters`` and ``queue`` (the
counter queue), ``contribution_assumptions``, ``contribution`` and ``pricing``
(客户经营ABC), ``wealth`` (wealth segments), ``suitability`` and
``cross_sell`` (suggestions that respect the rules), ``maintenance``,
``plan`` and ``plan_report`` (the maintenance process); on
top, ``plotting`` and ``widgets``.  The files of ``data/`` are checked by the
pydantic models of ``content_schema``, ``settings_schema`` and
``branch_schema``, imported only when a file is read.
"""

import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(
    __name__,
    submod_attrs={
        "book": ["PRODUCT_LINES", "BranchBook"],
        "branch": ["BRANCH_SEED", "synthesize_branch"],
        "content": ["service_matrix", "service_matrix_table", "needs_strategies_table", "quality_services_table", "growth_system", "maintenance_guide", "maintenance_process_table"],
        "contribution": ["ABC_NAMES", "Contribution", "customer_contribution", "abc_classes", "abc_table", "contribution_scenario"],
        "contribution_assumptions": ["ContributionAssumptions", "load_contribution_assumptions"],
        "deposits": ["DepositAssumptions", "DepositProfit", "GROWTH_PROFILES", "DECK_PROFILE", "monthly_inflows", "deposit_profit", "load_executive_quote", "deposits_needed_for"],
        "deposit_quote": ["executive_quote_table", "profit_by_profile", "compare_with_quote", "FEE_PROFIT_SHARES_PCT", "fee_profit_what_if"],
        "maintenance": ["PlanSettings", "load_plan_settings", "info_weights", "info_completeness", "info_scores", "missing_info"],
        "next_month": ["MonthEnd", "next_month"],
        "metrics": ["CROSS_SELL_DEFINITIONS", "AumChange", "aum_change", "products_per_customer", "share_two_or_more", "cross_sell_rate", "cross_sell_table", "waiting_stats", "key_metrics_table"],
        "plan": ["ContactTask", "due_tasks", "MaintenancePlan", "schedule_contacts", "maintenance_plan"],
        "alerts": ["alert_tasks", "branch_watch_list", "plan_day_table"],
        "migration_widgets": ["migration_explorer", "watch_rule"],
        "branch_measures": ["rm_workload_table", "managers_needed", "monthly_contacts", "branch_scorecard"],
        "plan_report": ["rm_books_table", "info_fields_table", "info_by_tier", "info_gaps", "incident_list", "incident_checklist", "export_plan"],
        "plotting": ["plot_deposit_profit", "plot_waiting_times", "plot_vip_comparison", "plot_contribution_by_tier", "plot_contribution_curve", "plot_plan_load"],
        "pricing": ["relationship_price", "pricing_table"],
        "counters": ["simulate_counters"],
        "queue": ["QueueResult", "simulate_queue", "compare_vip_window", "queue_scenario"],
        "queue_config": ["QUEUE_SEED", "QueueConfig", "default_queue_config"],
        "suitability": ["ProductRule", "product_rules", "suitability_table", "suitability_notes"],
        "wealth": ["NOT_WEALTH", "product_shelf", "wealth_segments", "assign_wealth_segments", "product_gaps", "segment_product_table", "adviser_services_table"],
        "cross_sell": ["CrossSellSuggestion", "cross_sell_suggestions", "segment_overview"],
        "widgets": ["deposit_profit_explorer", "queue_explorer", "contribution_explorer"],
    },
)
