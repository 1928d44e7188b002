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
from ._course import course_agenda, notebook_header
# [cases] imports (CCPR case studies)
# [/cases]
# [service] imports (services, queue, contribution, maintenance)
# [/service]
# [byod] imports (branch data loader, masking, report)
# [/byod]

__version__ = "0.1.0"

# Names whose modules import matplotlib or ipywidgets: loaded on first use.
_LAZY: dict[str, str] = {
    "use_chinese_fonts": "._fonts",
    "chinese_font_path": "._fonts",
    "plot_shares": "._plots",
    "plot_lorenz": "._plots",
    "plot_average_balance": "._plots",
    "plot_tier_amounts": "._plots",
    "threshold_explorer": "._widgets",
    "deposit_profit_explorer": "._widgets",
    # [cases] lazy names
    # [/cases]
    # [service] lazy names
    # [/service]
    # [byod] lazy names
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
    "notebook_header",
    # [cases] public names
    # [/cases]
    # [service] public names
    # [/service]
    # [byod] public names
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
