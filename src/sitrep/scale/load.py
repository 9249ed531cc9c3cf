"""``python -m sitrep.scale.load OUT [--db sitrep.db]``: load a Spark run's articles into a
store, where their events are linked (see ``load_parquet``)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from sitrep.scale._load import load_parquet
from sitrep.store import DEFAULT_DB, Store


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="the --out folder of a sitrep spark run")
    parser.add_argument("--db", default=DEFAULT_DB, help="a SQLite file or a database URL")
    args = parser.parse_args(argv)
    with Store(args.db) as store:
        stats = load_parquet(args.out, store)
        totals = store.counts()
    print(
        f"{stats.stored} article(s) stored ({stats.events} events), {stats.already_stored} "
        f"already stored; the store holds {totals['articles']} articles, {totals['events']} "
        f"events in {totals['clusters']} clusters"
    )


if __name__ == "__main__":
    main()
