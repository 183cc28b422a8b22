#!/usr/bin/env python3
"""The Polars peer of Marquee's bronze -> silver -> gold work, written independently in Polars.

Reads the six `<table>.csv` files of one input folder (one batch per table, as `marquee generate`
writes them), types every field strictly with quarantine, keeps the current version of each key and
logs the exact re-sends, adds inferred parents, cleans and imputes like silver (pseudonyms with the
same HMAC key, from MARQUEE_PSEUDONYM_KEY), builds the five integration models and the gold tables
listed in COVERED, and writes each table as Parquet to --out. The facts it needs from Marquee's
contracts and settings come from --spec (written by bench/lib/peer-spec.ts); the rules are its own.

Not done here (Marquee does them; the peer's time leaves them out): check results, column profiles,
the quality report, imputation-quality scoring, the change log, reconciliation, the quality
scorecard, lineage, run logs, a database file; landing-folder batches (appends, new versions, extra
files, monthly snapshots): one `<table>.csv` per table is one batch.

Usage: python3 bench/peers/polars_pipeline.py --input DIR --spec SPEC.json --out DIR
Prints one JSON line: seconds per stage, total seconds, source rows, rows per table written.
"""
import argparse
import datetime as dt
import json
import os
import sys
import time

import polars as pl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import polars_bronze as bronze_layer  # noqa: E402
import polars_gold as gold  # noqa: E402
import polars_gold_months as months  # noqa: E402
import polars_gold_segments as segments  # noqa: E402
import polars_gold_users as per_user  # noqa: E402
import polars_integration as integration  # noqa: E402
import polars_silver as silver  # noqa: E402

# Every table the peer writes, as Marquee names it. The comparison test and the benchmark read this
# list (--list-tables); tables of Marquee's graph not named here are reported as not covered.
COVERED = {
    "bronze": ["users", "movies", "watch_history", "recommendation_logs", "search_logs", "reviews"],
    "quarantine": ["users", "movies", "watch_history", "recommendation_logs", "search_logs", "reviews"],
    "meta": ["dedup_log"],
    "silver": [
        "users", "movies", "watch_history", "recommendation_logs", "search_logs", "reviews",
        "int_sessions_joined_to_titles", "int_recommendations_attributed_to_watches", "int_searches_attributed_to_watches",
        "int_reviews_matched_to_watches", "int_user_activity_rolled_up_by_day",
        "users_history", "movies_history", "watch_history_history", "recommendation_logs_history", "search_logs_history", "reviews_history",
        "source_batches",
    ],
    "gold": [
        "kpi_engagement_by_user_month", "kpi_content_by_title", "kpi_content_by_title_week", "kpi_recommendation_ctr", "kpi_search",
        "viewing_patterns", "genre_by_demographic", "search_top_queries", "ml_title_daily_views", "ml_user_item_interactions",
        "ml_review_texts", "ml_search_queries", "kpi_engagement_by_user", "kpi_reviews", "kpi_daily_by_segment", "ml_user_features",
        "kpi_churn_by_segment", "ml_user_taste", "cohort_retention", "kpi_business_by_month", "kpi_churn_by_month", "kpi_mrr_movement_by_month",
        "kpi_subscriptions_by_export",
    ],
}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--input")
    parser.add_argument("--spec")
    parser.add_argument("--out")
    parser.add_argument("--list-tables", action="store_true", help="print the covered tables as JSON and exit")
    args = parser.parse_args()
    if args.list_tables:
        print(json.dumps(COVERED))
        return
    if not (args.input and args.spec and args.out):
        parser.error("--input, --spec and --out are required")
    key = os.environ.get("MARQUEE_PSEUDONYM_KEY")
    if not key:
        sys.exit("polars peer: set MARQUEE_PSEUDONYM_KEY (the same key Marquee uses) so pseudonyms can be compared")
    spec = json.load(open(args.spec))
    tables = {t["name"]: t for t in spec["tables"]}
    settings = spec["silver"]
    os.makedirs(args.out, exist_ok=True)
    stages: dict[str, float] = {}
    written: dict[str, int] = {}
    started = time.perf_counter()

    def write(schema: str, name: str, frame: pl.DataFrame) -> None:
        frame.write_parquet(os.path.join(args.out, f"{schema}.{name}.parquet"))
        written[f"{schema}.{name}"] = frame.height

    t0 = time.perf_counter()
    b: dict = {}
    source_rows = 0
    for name, table in tables.items():
        good, bad, lines = bronze_layer.load_table(args.input, table)
        b[name] = good
        source_rows += lines
        write("bronze", name, good.drop("_row_hash"))
        write("quarantine", name, bad)
    stages["bronze"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    b["_versions"] = {name: silver.current_versions(b[name], t["primaryKey"]) for name, t in tables.items()}
    b["_spec"] = spec
    write("meta", "dedup_log", pl.concat([log.with_columns(pl.lit(name).alias("dataset")) for name, (_, log, _) in b["_versions"].items()]))
    users = silver.users(b, tables["users"], key.encode("utf-8"))
    movies = silver.movies(b, tables["movies"], settings)
    watch = silver.watch_history(b, movies, settings)
    recs = silver.recommendation_logs(b)
    searches = silver.search_logs(b)
    reviews = silver.reviews(b)
    for name, frame in [("users", users), ("movies", movies), ("watch_history", watch), ("recommendation_logs", recs), ("search_logs", searches), ("reviews", reviews)]:
        write("silver", name, frame)
    sessions = integration.sessions_joined_to_titles(watch, movies, users)
    write("silver", "int_sessions_joined_to_titles", sessions)
    write("silver", "int_recommendations_attributed_to_watches", integration.recommendations_attributed(recs, watch, users, int(settings["recommendationAttributionDays"])))
    write("silver", "int_searches_attributed_to_watches", integration.searches_attributed(searches, watch, users, int(settings["searchAttributionDays"])))
    write("silver", "int_reviews_matched_to_watches", integration.reviews_matched(reviews, watch, users, movies))
    write("silver", "int_user_activity_rolled_up_by_day", integration.user_activity_by_day(watch, recs, searches, reviews))
    loaded_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    histories = {name: silver.history(b["_versions"][name][2], table, key.encode("utf-8"), loaded_at) for name, table in tables.items()}
    for name, frame in histories.items():
        write("silver", f"{name}_history", frame)
    batches = months.source_batches(b, loaded_at, list(tables))
    write("silver", "source_batches", batches)
    stages["silver"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    as_of = dt.date.fromisoformat(spec["asOfDate"])
    write("gold", "kpi_engagement_by_user_month", gold.engagement_by_user_month(sessions))
    write("gold", "kpi_content_by_title", gold.content_by_title(sessions, movies, reviews, recs, as_of))
    write("gold", "kpi_content_by_title_week", gold.content_by_title_week(sessions))
    write("gold", "kpi_recommendation_ctr", gold.recommendation_ctr(recs))
    write("gold", "kpi_search", gold.search_kpis(searches))
    write("gold", "viewing_patterns", gold.viewing_patterns(sessions))
    write("gold", "genre_by_demographic", gold.genre_by_demographic(sessions))
    write("gold", "search_top_queries", gold.search_top_queries(searches))
    write("gold", "ml_title_daily_views", gold.title_daily_views(sessions))
    write("gold", "ml_user_item_interactions", gold.user_item_interactions(sessions))
    write("gold", "ml_review_texts", gold.review_texts(reviews))
    write("gold", "ml_search_queries", gold.search_queries(searches))
    write("gold", "kpi_engagement_by_user", segments.engagement_by_user(sessions, users, as_of))
    write("gold", "kpi_reviews", segments.review_kpis(reviews))
    write("gold", "kpi_daily_by_segment", segments.daily_by_segment(sessions, recs, searches, reviews, users))
    write("gold", "ml_user_features", per_user.user_features(sessions, users, recs, searches, reviews, as_of, int(spec["labelWindowDays"])))
    spend_band = next(c for c in tables["users"]["columns"] if c["name"] == "monthly_spend")["plausibleRange"]["max"]
    write("gold", "kpi_churn_by_segment", per_user.churn_by_segment(users, spend_band))
    write("gold", "ml_user_taste", per_user.user_taste(sessions, reviews, recs, searches, movies, as_of))
    write("gold", "cohort_retention", months.cohort_retention(users, sessions))
    write("gold", "kpi_business_by_month", months.business_by_month(sessions, users))
    write("gold", "kpi_churn_by_month", months.churn_by_month(histories["users"], batches))
    write("gold", "kpi_mrr_movement_by_month", months.mrr_movement_by_month(histories["users"], batches, spend_band))
    write("gold", "kpi_subscriptions_by_export", months.subscriptions_by_export(histories["users"], batches, spend_band))
    stages["gold"] = time.perf_counter() - t0

    expected = {f"{schema}.{t}" for schema, names in COVERED.items() for t in names}
    if set(written) != expected:
        sys.exit(f"polars peer: wrote {sorted(written)} but COVERED lists {sorted(expected)}")
    print(json.dumps({"seconds": time.perf_counter() - started, "stages": stages, "source_rows": source_rows, "tables": written, "polars": pl.__version__}))


if __name__ == "__main__":
    main()
