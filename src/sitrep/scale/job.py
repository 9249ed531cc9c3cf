"""The script to give ``spark-submit``: ``sitrep spark``'s options, Spark's from spark-submit.

    spark-submit --master yarn [--archives env.tar.gz#env ...] \
        "$(python -c 'import sitrep.scale.job as j; print(j.__file__)')" \
        s3a://bucket/crawl/ --out s3a://bucket/sitrep-out

Without ``--master`` here, the master is spark-submit's (see docs/spark.md).
"""

from __future__ import annotations

import sys


def main() -> None:
    from sitrep.cli import app

    app(["spark", *sys.argv[1:]], prog_name="spark-submit job.py")


if __name__ == "__main__":
    main()
