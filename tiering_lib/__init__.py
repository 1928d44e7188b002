"""tiering_lib — customer tiering (客户分层) for the 客户分层工作手册 workbook.

The library is organised by domain; each subpackage owns its public names and
this package re-exports all of them, so ``import tiering_lib as tl`` shows
everything a notebook needs (``tl.builtin_scheme``, ``tl.load_case`` …):

* :mod:`tiering_lib.core` — schemes, exact money, tables, concentration, synthesis;
* :mod:`tiering_lib.datasets` — the shipped data and the deck's published figures;
* :mod:`tiering_lib.io` — branch exports, masking, the Excel report;
* :mod:`tiering_lib.ccpr` — the CCPR standards and cases;
* :mod:`tiering_lib.service` — serving each tier, the synthetic branch, maintenance;
* :mod:`tiering_lib.course` — exercises, agenda and editions;
* :mod:`tiering_lib.errors` — every exception; :mod:`tiering_lib.display` — display helpers.

Imports point down that list (course → service, ccpr, io → datasets, core →
errors, display).  Everything loads on first use: importing the package imports
neither numpy-heavy modules nor pandas, matplotlib, ipywidgets or pydantic, and
changes no global setting.  Call :func:`use_chinese_fonts` before plotting.
"""

import lazy_loader as _lazy

from tiering_lib import ccpr, core, course, datasets, errors, io, service

__version__ = "0.1.0"

__getattr__, __dir__, __all__ = _lazy.attach(
    __name__,
    submod_attrs={
        "errors": errors.__all__[:-1],  # ColumnProblem is internal to io
        **{pkg.__name__.rsplit(".", 1)[1]: pkg.__all__ for pkg in (core, datasets, io, ccpr, service, course)},
    },
)
