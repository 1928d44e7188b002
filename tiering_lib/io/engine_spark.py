"""The Spark engine: the same SQL on a Spark cluster, or on this machine in local mode.

``master`` is any Spark master URL (``spark://host:7077``, ``yarn``,
``k8s://…``) or ``local[N]`` (the default, ``local[*]``, uses every core).
In local mode the driver binds to 127.0.0.1, the web UI is off and nothing is
downloaded (no extra packages are asked for), so it starts offline.  One
session serves every call in a process (:func:`spark_session`); stop it with
:func:`stop_spark`.

Input paths a cluster reads (``hdfs://…``, ``s3a://…``) are passed through;
local paths must exist.  Details are written by Spark as a Parquet folder of
part files (Spark's own layout), which DuckDB, pandas and Spark read back.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Iterator, Sequence

from tiering_lib.core.schemes import TierScheme
from tiering_lib.core.sql_queries import details_sql, tally_sql
from tiering_lib.errors import DataError
from tiering_lib.io.engines import Tally, detail_labels, sql_options, tally_from_rows
from tiering_lib.io.reasons import REJECT_REASONS
from tiering_lib.io.warehouse_input import WarehouseInput

__all__ = ["SparkEngine", "spark_session", "stop_spark", "SPARK_CONF"]

#: Settings of every session started here (local mode adds the 127.0.0.1 bindings).
SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "2",  # the tally and the table have a few groups at most
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.sources.partitionOverwriteMode": "static",
}
_VIEW = "tiering_source"


def _local(master: str) -> bool:
    return master.startswith("local")


def spark_session(master: str | None = None):
    """The process's Spark session, started on first use.

    Parameters
    ----------
    master : str, optional
        Spark master URL; ``local[*]`` by default.  A session already running
        is reused whatever its master.

    Raises
    ------
    DataError
        When pyspark is not installed or Java cannot be started.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise DataError(
            "Spark 引擎需要 pyspark 软件包和 Java 17 或更高版本；"
            "请在项目文件夹运行 pip install -e \".[spark]\"，并安装 Java（Debian：openjdk-17-jre-headless）"
        ) from None
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    master = master or "local[*]"
    scratch = tempfile.mkdtemp(prefix="tiering-spark-")
    builder = SparkSession.builder.master(master).appName("tiering_lib")
    conf = {**SPARK_CONF, "spark.sql.warehouse.dir": os.path.join(scratch, "warehouse")}
    if _local(master):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        conf.update({"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1"})
    for key, value in conf.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as err:  # pyspark raises its own runtime errors when Java is missing
        raise DataError(
            f"无法启动 Spark（{type(err).__name__}）；请确认已安装 Java 17 或更高版本（java -version），"
            f"集群地址“{master}”可以连通"
        ) from err
    session.sparkContext.setLogLevel("ERROR")
    return session


def stop_spark() -> None:
    """Stop the process's Spark session, if one runs."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return
    active = SparkSession.getActiveSession()
    if active is not None:
        active.stop()


class SparkEngine:
    """Tier with Spark SQL.

    Parameters
    ----------
    master : str, optional
        Spark master URL (``local[*]`` by default).
    """

    name = "spark"

    def __init__(self, master: str | None = None) -> None:
        self.spark = spark_session(master)
        from pyspark.errors import PySparkException

        self._errors: tuple[type[BaseException], ...] = (PySparkException,)
        self._source: WarehouseInput | None = None

    def _failure(self, inp: WarehouseInput, err: Exception) -> DataError:
        # Spark's own message may quote data from the file: name only its type.
        return DataError(
            f"{inp.name}：Spark 无法读取或处理这个文件（{type(err).__name__}）；Parquet 文件请确认没有损坏，"
            "CSV 文件请确认是 UTF-8 编码、逗号分隔、第一行是表头、每行格数与表头相同"
        )

    def _view(self, inp: WarehouseInput) -> None:
        if self._source is not None and (self._source.location, self._source.format) == (inp.location, inp.format):
            return
        try:
            reader = self.spark.read
            if inp.format == "parquet":
                frame = reader.parquet(*inp.parquet_files)
            else:
                frame = reader.csv(
                    inp.location, header=True, inferSchema=False, sep=",", quote='"', escape='"',
                    encoding="UTF-8", mode="FAILFAST", enforceSchema=False,
                )
            frame.createOrReplaceTempView(_VIEW)
        except self._errors as err:
            raise self._failure(inp, err) from err
        self._source = inp

    def _sql(self, inp: WarehouseInput, sql: str):
        self._view(inp)
        try:
            return self.spark.sql(sql)
        except self._errors as err:
            raise self._failure(inp, err) from err

    def schema(self, inp: WarehouseInput) -> list[tuple[str, str]]:
        """Column names and Spark type names, in file order."""
        self._view(inp)
        return [(f.name, f.dataType.simpleString()) for f in self.spark.table(_VIEW).schema.fields]

    def tally(self, inp: WarehouseInput, scheme: TierScheme) -> Tally:
        """Households, amounts and rejected rows in one Spark job; rows read counted apart."""
        frame = self._sql(inp, tally_sql(scheme, _VIEW, inp.balance_column, **sql_options(inp, "spark")))
        try:
            rows = frame.collect()
            rows_read = self.spark.table(_VIEW).count()
        except Exception as err:  # a failed job surfaces as a Py4J error, not a PySparkException
            raise self._failure(inp, err) from err
        return tally_from_rows((tuple(r) for r in rows), len(scheme.tiers), inp.unit, rows_read)

    def _details(self, inp: WarehouseInput, scheme: TierScheme, which: str, layout: str = "sheet"):
        return self._sql(
            inp,
            details_sql(
                scheme, _VIEW, inp.balance_column, which=which, layout=layout, id_column=inp.id_column,
                names=detail_labels(inp.unit), reason_labels=REJECT_REASONS, **sql_options(inp, "spark"),
            ),
        )

    def iter_details(self, inp: WarehouseInput, scheme: TierScheme, which: str) -> Iterator[Sequence[Any]]:
        """Rows of the accepted or rejected customers, one partition at a time."""
        for row in self._details(inp, scheme, which).toLocalIterator():
            yield tuple(row)

    def write_parquet(self, inp: WarehouseInput, scheme: TierScheme, which: str, path: Path) -> Path:
        """Write the details as a Parquet folder (part files, as Spark writes them)."""
        frame = self._details(inp, scheme, which, "parquet")
        try:
            frame.write.mode("errorifexists").parquet(str(path))
        except Exception as err:  # as in tally
            raise self._failure(inp, err) from err
        return path

    def close(self) -> None:
        """Forget the input; the session stays up for the next call (see :func:`stop_spark`)."""
        try:
            self.spark.catalog.dropTempView(_VIEW)
        except Exception:  # the session may already be stopped
            pass
        self._source = None
