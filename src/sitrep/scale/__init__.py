"""Scale-out on Apache Spark: the same ``process`` mapped over partitions of a corpus.

``run_spark(inputs, out)`` reads WARC/ARC files and JSON Lines (local paths or any Hadoop
URI), processes every article on Spark's executors (each Python worker loads the spaCy model
and the gazetteer once) and writes the articles, events and errors as Parquet under ``out``;
``run_job`` does the same in a session the caller holds. ``load_parquet`` puts what a run
wrote into a store; ``sitrep ingest OUT`` calls it for a folder ``is_job_output`` recognises.
``sitrep spark``, ``python -m sitrep.scale`` and ``spark-submit sitrep/scale/job.py`` are the
command-line ways in (see docs/spark.md).

pyspark is imported only when a job runs: ``import sitrep.scale`` works without it.
"""

from sitrep.scale._job import InputCounts, JobSummary, run_job, run_spark, spark_session
from sitrep.scale._load import LoadStats, is_job_output, job_article_count, load_parquet
from sitrep.scale._units import Failure

__all__ = [
    "Failure",
    "InputCounts",
    "JobSummary",
    "LoadStats",
    "is_job_output",
    "job_article_count",
    "load_parquet",
    "run_job",
    "run_spark",
    "spark_session",
]
