"""Datasets: the files shipped with the workbook and the deck's published figures.

``files`` reads ``data/`` and ``casestudies/`` as package data;
``deck_tables`` turns the deck's tables into exact data; ``published`` checks
computed tables against the printed ones cell by cell.
"""

import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(
    __name__,
    submod_attrs={
        "deck_tables": [
            "load_suzhou_bands", "load_customer_profile", "customer_profile_table", "customer_profile_checks",
            "suzhou_population",
        ],
        "files": ["read_dataset"],
        "published": ["PublishedTable", "load_published", "Comparison", "compare_with_published"],
    },
)
