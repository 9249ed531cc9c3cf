"""The Spark job: crawl files and JSON Lines in, Parquet tables out, ``process`` in between.

    files ──split──▶ lines / pages ──repartition, read──▶ articles ──by text──▶ one per text
          ──process (a batch at a time)──▶ article, event and error rows ──▶ Parquet

A file is split in the task that reads it; its units are then spread over every partition,
so one big file keeps every core busy. The same text read twice (a story syndicated by two
sites) is processed once: Spark brings its copies together by article id, the copy found first
(by input name, then position in the file) is kept and every place it was found is listed.
Output is sorted, so the same inputs give the same tables, and each run replaces the tables of
the last one.

pyspark is imported inside the functions, so ``import sitrep.scale`` never needs it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from sitrep.errors import ConfigurationError
from sitrep.export.writers import PARQUET_SCHEMA
from sitrep.read import ReadOptions
from sitrep.records import Article
from sitrep.scale._executor import Output, Table, error_output, process_partition
from sitrep.scale._units import (
    Failure,
    Found,
    Unit,
    display_name,
    found,
    local_aliases,
    merge,
    read_unit,
    split_file,
)

if TYPE_CHECKING:
    from pyspark import RDD, Accumulator
    from pyspark.sql import DataFrame, Row, SparkSession
    from pyspark.sql.types import DataType, StructType

# Error rows shown in the summary; every one is in the errors table.
MAX_SHOWN = 20
# In local mode the JVM only carries rows between the Python workers and Parquet files; its
# optimising compiler then costs more CPU than it saves (5-10 s of a core per run, taken from
# the Python workers on a small machine: bench/README.md), so it is left out.
LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1"
TABLES = ("articles", "events", "errors", "summary")
# What opening a file is counted as, in bytes, when small files are packed into read tasks.
FILE_OPEN_COST = 64 * 1024


@dataclass(frozen=True, slots=True)
class InputCounts:
    """What one input file gave: articles written, texts already read from another item,
    events of its articles, items that failed."""

    articles: int = 0
    duplicates: int = 0
    events: int = 0
    errors: int = 0


@dataclass(frozen=True, slots=True)
class JobSummary:
    """A finished run: where it wrote, counts per input, the first errors, how long the job took
    (the Spark session's start left out), the tasks that read the input files, the partitions
    the articles were spread over and the largest memory any Python worker reached."""

    out: str
    inputs: dict[str, InputCounts]
    errors: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    read_tasks: int = 0
    partitions: int = 0
    peak_worker_bytes: int = 0

    @property
    def totals(self) -> InputCounts:
        return InputCounts(
            *(sum(getattr(c, name) for c in self.inputs.values()) for name in _COUNTS)
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": self.out,
            "seconds": round(self.seconds, 3),
            "read_tasks": self.read_tasks,
            "partitions": self.partitions,
            "peak_worker_bytes": self.peak_worker_bytes,
            "totals": asdict(self.totals),
            "inputs": {name: asdict(counts) for name, counts in sorted(self.inputs.items())},
            "errors": [failure._asdict() for failure in self.errors],
        }


_COUNTS = ("articles", "duplicates", "events", "errors")


def spark_session(master: str | None = None, conf: Mapping[str, str] | None = None) -> SparkSession:
    """A Spark session for the job. ``master`` defaults to what ``spark-submit`` gave, else
    ``local[*]`` (every core of this machine); ``conf`` holds any other Spark settings."""
    _require_spark()
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("sitrep")
    # spark-submit starts the JVM first and tells Python where it listens; its --master holds.
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
        master = "local[*]"
    if master:
        builder = builder.master(master)
    settings = dict(conf or {})
    if master and master.startswith("local"):
        # Local workers must be this Python (with sitrep installed), not whatever is on PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        settings.setdefault("spark.driver.extraJavaOptions", LOCAL_JVM_OPTIONS)
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    # Given here, or to spark-submit (whose settings reach the session's configuration).
    if not spark.sparkContext.getConf().contains("spark.log.level"):
        # Spark's warnings (a loopback hostname, no native Hadoop library, a stack trace for
        # each missing input) bury sitrep's own summary; errors still show.
        spark.sparkContext.setLogLevel("ERROR")
    return spark


def _require_spark() -> None:
    """Say what to install, before pyspark fails with a less helpful message."""
    if importlib.util.find_spec("pyspark") is None:
        raise ConfigurationError(
            "pyspark is not installed: pip install 'sitrep[spark]' (or 'pyspark>=4,<5')"
        )
    launched = "PYSPARK_GATEWAY_PORT" in os.environ  # by spark-submit, which found Java
    if not launched and not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise ConfigurationError(
            "Spark needs Java 17 or newer: install it (Debian: apt install "
            "openjdk-17-jre-headless) or set JAVA_HOME"
        )


def run_spark(
    inputs: Sequence[str],
    out: str,
    *,
    master: str | None = None,
    conf: Mapping[str, str] | None = None,
    options: ReadOptions | None = None,
    partitions: int | None = None,
) -> JobSummary:
    """``run_job`` in a session of its own, stopped at the end (a session that was already
    running is used and left running)."""
    _require_spark()
    from pyspark.sql import SparkSession

    running = SparkSession.getActiveSession()
    spark = spark_session(master, conf)
    try:
        return run_job(spark, inputs, out, options=options, partitions=partitions)
    finally:
        if running is None:
            spark.stop()


def run_job(
    spark: SparkSession,
    inputs: Sequence[str],
    out: str,
    *,
    options: ReadOptions | None = None,
    partitions: int | None = None,
) -> JobSummary:
    """Process every article of ``inputs`` (WARC/ARC and JSON Lines files, directories of
    them, globs; local paths or any Hadoop URI) and write the tables under ``out``:
    ``articles`` and ``events`` (Parquet, partitioned by ``published_date``), ``errors``
    (Parquet) and ``summary`` (JSON Lines, one row per input). Bad items become error rows."""
    from pyspark import StorageLevel

    started = time.perf_counter()
    options = options or ReadOptions()
    context = spark.sparkContext
    partitions = partitions or 4 * context.defaultParallelism
    base = out.rstrip("/")
    peak = context.accumulator(0, _MaxParam())  # type: ignore[arg-type]
    files, missing = _files(spark, inputs)
    outputs = _outputs(files, inputs, options, partitions, peak)
    if missing:
        outputs = outputs.union(context.parallelize([error_output(f) for f in missing], 1))
    # Kept (spilling to disk) while three tables and the counts are taken from it.
    outputs.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        _write(spark, outputs, base)
        counts = _per_input(outputs.map(lambda o: ((o.input, o.table), 1)).countByKey())
    finally:
        outputs.unpersist()
    _write_summary(spark, counts, base)
    shown = spark.read.parquet(f"{base}/errors").orderBy("input", "item").limit(MAX_SHOWN)
    return JobSummary(
        out=out,
        inputs=counts,
        errors=[Failure(*row) for row in shown.collect()],
        seconds=time.perf_counter() - started,
        read_tasks=files.getNumPartitions(),
        partitions=partitions,
        peak_worker_bytes=peak.value,
    )


def _outputs(
    files: RDD[Row],
    inputs: Sequence[str],
    options: ReadOptions,
    partitions: int,
    peak: Accumulator[int],
) -> RDD[Output]:
    """The job's rows: files split where they are read, their lines and pages spread over
    ``partitions``, read, copies of a text brought together, processed."""
    return (
        files.flatMap(partial(_split, local_aliases(inputs), options.max_bytes))
        .repartition(partitions)
        .flatMap(partial(_read, options))
        .reduceByKey(_combine, partitions)
        .values()
        .mapPartitions(partial(process_partition, peak=peak))
    )


def _files(spark: SparkSession, inputs: Sequence[str]) -> tuple[RDD[Row], list[Failure]]:
    """Every file of the inputs as ``(path, content)`` rows, and the inputs that name nothing
    (an error each, not a failed job). The inputs are read as one source, so that many small
    files (5,000 named one by one, as a shell expands a glob) are listed by a few tasks and
    packed many to a task (``_read_settings``), not given a task each."""
    found, missing = _existing(spark, list(dict.fromkeys(inputs)))
    failures = [Failure(name, name, "missing", "no such file") for name in missing]
    if not found:
        return spark.sparkContext.emptyRDD(), failures
    with _settings(spark, _read_settings(spark)):
        reader = spark.read.format("binaryFile").option("recursiveFileLookup", "true")
        return reader.load(found).select("path", "content").rdd, failures


def _existing(spark: SparkSession, inputs: list[str]) -> tuple[list[str], list[str]]:
    """The inputs that name a file, a folder or a glob matching something (asked of the file
    system each names, through Hadoop, as Spark will read them), and the others."""
    from py4j.protocol import Py4JJavaError  # type: ignore[import-untyped]

    context = spark.sparkContext
    assert context._jvm is not None and context._jsc is not None  # a classic (not Connect) session
    hadoop_path, hadoop = context._jvm.org.apache.hadoop.fs.Path, context._jsc.hadoopConfiguration()
    found: list[str] = []
    missing: list[str] = []
    for name in inputs:
        path = hadoop_path(name)
        try:
            matches = path.getFileSystem(hadoop).globStatus(path)
        except Py4JJavaError:  # a scheme no connector reads, a host out of reach…
            matches = None
        (found if matches else missing).append(name)
    return found, missing


def _read_settings(spark: SparkSession) -> dict[str, str]:
    """Spark settings for listing and grouping the input files: the listing of many paths
    spread over as many tasks as there are cores (by default a task per path past 32), and
    small files packed many to a task (Spark counts each file as 4 MB more than its size by
    default, so 32 small files make a task)."""
    return {
        "spark.sql.sources.parallelPartitionDiscovery.parallelism": str(
            spark.sparkContext.defaultParallelism
        ),
        "spark.sql.files.openCostInBytes": str(FILE_OPEN_COST),
    }


@contextmanager
def _settings(spark: SparkSession, settings: Mapping[str, str]) -> Iterator[None]:
    """The session's SQL settings changed for a while, then put back as they were."""
    before = {key: spark.conf.get(key, None) for key in settings}
    for key, value in settings.items():
        spark.conf.set(key, value)
    try:
        yield
    finally:
        for key, previous in before.items():
            if previous is None:
                spark.conf.unset(key)
            else:
                spark.conf.set(key, previous)


def _split(aliases: list[tuple[str, str]], max_bytes: int, row: Row) -> Iterator[Unit | Failure]:
    return split_file(display_name(row["path"], aliases), bytes(row["content"]), max_bytes)


Keyed = tuple[Any, Found | Failure]


def _read(options: ReadOptions, unit: Unit | Failure) -> Iterator[Keyed]:
    """Articles keyed by id (their text), failures by their item (kept apart)."""
    if isinstance(unit, Failure):
        yield ("failure", unit.input, unit.item), unit
        return
    for result in read_unit(unit, options):
        if isinstance(result, Article):
            yield found(unit, result)
        else:
            yield ("failure", result.input, result.item), result


def _combine(first: Found | Failure, second: Found | Failure) -> Found | Failure:
    """Two values of one key: copies of one text, or one failing item named twice."""
    if isinstance(first, Failure) and isinstance(second, Failure):
        return min(first, second)
    assert isinstance(first, Found) and isinstance(second, Found)  # keys never mix the two
    return merge(first, second)


def _row(output: Output) -> tuple[Any, ...]:
    return output.row


def _of(table: str) -> Callable[[Output], bool]:
    return lambda output: output.table == table


def _write(spark: SparkSession, outputs: RDD[Output], out: str) -> None:
    """The three tables. Rows of one publication day are brought together first, so that each
    day is one file (not one per partition and day) and the same inputs give the same files,
    sorted; errors, few, go to one file."""

    def frame(table: str, schema: StructType) -> DataFrame:
        rows = outputs.filter(_of(table)).map(_row)
        return spark.createDataFrame(rows, schema, verifySchema=False)

    for table, schema, order in (
        ("article", _article_schema(), ("published_date", "id")),
        ("event", _event_schema(), ("published_date", "article_id", "id")),
    ):
        days = frame(table, schema).repartition("published_date").sortWithinPartitions(*order)
        days.write.mode("overwrite").partitionBy("published_date").parquet(f"{out}/{table}s")
    errors = frame("error", _error_schema()).coalesce(1).sortWithinPartitions("input", "item")
    errors.write.mode("overwrite").parquet(f"{out}/errors")


def _write_summary(spark: SparkSession, inputs: Mapping[str, InputCounts], out: str) -> None:
    rows = [(name, *asdict(counts).values()) for name, counts in sorted(inputs.items())]
    schema = "input string, articles long, duplicates long, events long, errors long"
    frame = spark.createDataFrame(rows, schema).coalesce(1)
    frame.write.mode("overwrite").json(f"{out}/summary")


def _per_input(counts: Mapping[tuple[str, Table], int]) -> dict[str, InputCounts]:
    tables = {"article": "articles", "duplicate": "duplicates", "event": "events"}
    tallies: dict[str, dict[str, int]] = {}
    for (name, table), count in counts.items():
        tallies.setdefault(name, {})[tables.get(table, "errors")] = count
    return {name: InputCounts(**tally) for name, tally in tallies.items()}


class _MaxParam:
    """An accumulator that keeps the largest value added (a worker's peak memory)."""

    def zero(self, value: int) -> int:
        return 0

    def addInPlace(self, first: int, second: int) -> int:  # noqa: N802 (pyspark's name)
        return max(first, second)


def _article_schema() -> StructType:
    from pyspark.sql.types import (
        ArrayType,
        IntegerType,
        StringType,
        StructField,
        StructType,
    )

    text = StringType()
    source = StructType([StructField(name, text) for name in ("path", "url", "outlet")])
    columns: list[tuple[str, DataType]] = [
        ("id", text),
        ("published_date", text),
        ("input", text),
        ("item", text),
        ("url", text),
        ("title", text),
        ("outlet", text),
        ("published", text),
        ("published_basis", text),
        ("events", IntegerType()),
        ("sources", ArrayType(source)),
        ("record", text),
    ]
    return StructType([StructField(name, kind, name != "id") for name, kind in columns])


def _event_schema() -> StructType:
    """``sitrep export --format parquet``'s columns, and the article's publication day."""
    from pyspark.sql.types import StringType, StructField, StructType

    fields = [StructField(column.name, _spark_type(column.type)) for column in PARQUET_SCHEMA]
    return StructType([*fields, StructField("published_date", StringType())])


def _error_schema() -> StructType:
    from pyspark.sql.types import StringType, StructField, StructType

    return StructType([StructField(n, StringType()) for n in ("input", "item", "code", "reason")])


def _spark_type(kind: pa.DataType) -> DataType:
    from pyspark.sql import types

    spark_types: dict[pa.DataType, DataType] = {
        pa.string(): types.StringType(),
        pa.int32(): types.IntegerType(),
        pa.int64(): types.LongType(),
        pa.float64(): types.DoubleType(),
        pa.bool_(): types.BooleanType(),
        pa.date32(): types.DateType(),
    }
    return spark_types[kind]
