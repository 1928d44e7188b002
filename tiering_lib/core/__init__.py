"""Core: tier schemes, exact money, classification, tables and concentration.

Modules, bottom up: ``money`` (integer 分), ``schemes`` and ``builtin_schemes``
(validated tier schemes), ``classify``, ``tables`` (the deck's table layout),
``sorted_balances`` (the fast path for sliders), ``concentration`` (Lorenz,
Gini), ``synthesis`` (customer-level data reproducing a banded table),
``describe`` (Chinese tables and sentences), ``sql`` and ``sql_queries``
(a scheme as DuckDB or Spark SQL); on top, ``fonts``, ``plotting``
and ``widgets``.  Nothing here reads the workbook's data files.
"""

import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(
    __name__,
    submod_attrs={
        "classify": ["as_balances", "balances_from_text", "classify", "tier_codes"],
        "concentration": ["gini", "lorenz_points", "top_share", "band_distribution", "gini_banded", "GiniBounds", "gini_bounds", "lorenz_banded", "top_share_banded"],
        "describe": ["describe_concentration", "scheme_frame", "tier_assignments"],
        "migration": ["AlertRule", "TierMigration", "migrate"],
        "migration_plotting": ["plot_migration"],
        "migration_tables": ["migration_table", "migration_summary", "moved_customers", "watch_list_table"],
        "fonts": ["use_chinese_fonts", "chinese_font_path"],
        "money": ["UNITS", "to_fen", "fen_to_unit", "round_half_up", "format_amount", "format_percent"],
        "plotting": ["plot_shares", "plot_lorenz", "plot_average_balance", "plot_customer_profile"],
        "scheme_files": ["scheme_from_dict", "load_scheme", "builtin_scheme", "builtin_scheme_names"],
        "schemes": ["SEGMENTS", "Tier", "TierScheme"],
        "sorted_balances": ["SortedBalances"],
        "sql": ["scheme_case_sql", "quote_identifier"],
        "sql_queries": ["distribution_sql"],
        "synthesis": ["SYNTH_SEED", "scaled_bands", "synthesize_population"],
        "tables": ["DistributionTable", "table_from_balances", "table_from_bands", "reaggregate"],
        "widgets": ["threshold_explorer", "explorer_table", "balance_lookup"],
    },
)
