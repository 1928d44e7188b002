"""Branch files in and reports out: reading exports robustly, masking, the Excel report, the command line.

Bottom up: ``privacy`` (masking rules), ``amounts`` (balance cells),
``columns`` (headers and column meanings), ``sources`` (a file, a pipe or
bytes, read once), ``decoding`` (encodings, line by line), ``csv_records`` and
``xlsx_records`` (rows), ``header``, ``row_masking`` (what each cell may show),
``packed`` (compact columns), ``reasons``, ``load_result``, ``row_reader``,
``duplicates``, ``load_notes`` and ``loader``; ``result_tables`` (tables a
learner reads about a read export); then ``output_files``, ``xlsx_package``,
``xlsx_writer``, ``report``, ``report_preview`` (a saved report's sheets, read
back), ``plotting`` and ``cli`` (the ``tier`` command).

Warehouse files at any scale: ``warehouse_input`` (typed Parquet/CSV inputs),
``engines`` with ``engine_memory``, ``engine_duckdb`` and ``engine_spark``,
``warehouse_report`` (summary workbook, Parquet details) and ``warehouse``
(:func:`tier_warehouse`); ``sql_demo`` shows the data team's SQL to learners.
"""

import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(
    __name__,
    submod_attrs={
        "amounts": ["parse_amount"],
        "columns": ["COLUMN_SYNONYMS"],
        "load_result": ["RejectedRow", "LoadResult"],
        "loader": ["load_branch_export", "load_sample_export"],
        "plotting": ["plot_rejections", "plot_balance_histogram"],
        "privacy": ["mask_id_card", "mask_phone", "mask_name", "mask_account", "mask_text"],
        "engine_spark": ["stop_spark"],
        "reasons": ["REJECT_REASONS"],
        "report": ["TierReport", "tier_report", "read_report"],
        "report_preview": ["report_preview"],
        "result_tables": ["amount_readings"],
        "sql_demo": ["sql_demo_database", "sql_table_display", "compare_sql_with_table"],
        "warehouse": ["tier_warehouse", "WarehouseResult"],
    },
)
