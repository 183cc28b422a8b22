"""Reference peer for the Marquee benchmark: the main bronze -> gold work done with pandas.

Reads and types the six source CSVs (pyarrow CSV engine), deduplicates on primary keys, applies the
main cleaning and imputation rules of silver, builds the integration joins (sessions with titles and
viewers, recommendations and searches attributed to later watches, a user x day activity roll-up),
then the main gold aggregations (engagement per user-month, content per title, CTR by dimension,
churn by segment) and writes those gold frames to Parquet. It keeps everything in memory and skips
what Marquee adds around the same work (quarantine, check results, profiles, dedup and imputation
logs, lineage, a database file), so it is a lower bound for a pandas version of the pipeline.

Usage: python3 bench/peers/pandas_pipeline.py --input DIR [--out DIR]
Prints one JSON line: seconds per stage, total seconds, source rows and gold row counts.
"""
import argparse
import json
import os
import sys
import tempfile
import time

import numpy as np
import pandas as pd

AS_OF = pd.Timestamp("2025-10-01")
CANONICAL_DEVICES = {"mobile": "Mobile", "tablet": "Tablet", "laptop": "Laptop", "desktop": "Desktop", "smarttv": "Smart TV", "gamingconsole": "Gaming Console"}

DATES = {
    "users": ["subscription_start_date", "created_at"],
    "movies": ["added_to_platform"],
    "watch_history": ["watch_date"],
    "recommendation_logs": ["recommendation_date"],
    "search_logs": ["search_date"],
    "reviews": ["review_date"],
}
KEYS = {"users": "user_id", "movies": "movie_id", "watch_history": "session_id", "recommendation_logs": "recommendation_id", "search_logs": "search_id", "reviews": "review_id"}
STRINGS = {
    "users": ["user_id", "email", "first_name", "last_name", "gender", "country", "state_province", "city", "subscription_plan", "primary_device"],
    "movies": ["movie_id", "title", "content_type", "genre_primary", "genre_secondary", "rating", "language", "country_of_origin"],
    "watch_history": ["session_id", "user_id", "movie_id", "device_type", "action", "quality", "location_country"],
    "recommendation_logs": ["recommendation_id", "user_id", "movie_id", "recommendation_type", "device_type", "time_of_day", "algorithm_version"],
    "search_logs": ["search_id", "user_id", "search_query", "device_type", "location_country"],
    "reviews": ["review_id", "user_id", "movie_id", "review_text", "sentiment", "device_type"],
}


def read_typed(input_dir, table):
    frame = pd.read_csv(
        os.path.join(input_dir, f"{table}.csv"), engine="pyarrow", parse_dates=DATES[table],
    )
    # pandas 3 reads text as its string dtype already; ids and labels stay strings.
    for column in STRINGS[table]:
        if frame[column].dtype != "str":
            frame[column] = frame[column].astype("str")
    return frame


def fill_median_by(frame, column, by):
    """Blank values of `column` get the median of their group, then the overall median."""
    group_median = frame.groupby(by, dropna=False)[column].transform("median")
    frame[f"{column}_was_imputed"] = frame[column].isna()
    frame[column] = frame[column].fillna(group_median).fillna(frame[column].median())


def canonical_device(series):
    key = series.str.lower().str.replace(" ", "", regex=False)
    return key.map(CANONICAL_DEVICES).fillna("Unknown")


def clean(t):
    users = t["users"]
    users["age"] = users["age"].round()
    users["age_was_invalid"] = (users["age"] < 5) | (users["age"] > 110)
    users.loc[users["age_was_invalid"], "age"] = np.nan
    fill_median_by(users, "age", ["subscription_plan", "country"])
    users["gender"] = users["gender"].fillna("Unknown")
    fill_median_by(users, "monthly_spend", ["subscription_plan"])
    users["household_size"] = users["household_size"].fillna(users["household_size"].median())
    users["primary_device"] = canonical_device(users["primary_device"])

    movies = t["movies"]
    fill_median_by(movies, "imdb_rating", ["genre_primary"])
    is_movie = movies["content_type"] == "Movie"
    for col in ["production_budget", "box_office_revenue"]:
        movies.loc[is_movie, col] = movies.loc[is_movie, col].fillna(movies.loc[is_movie, col].median())

    watch = t["watch_history"]
    watch["device_type"] = canonical_device(watch["device_type"])
    runtime = watch["movie_id"].map(movies.set_index("movie_id")["duration_minutes"])
    observed = watch["watch_duration_minutes"]
    watch["session_binge"] = observed > 300
    watch["session_invalid_duration"] = observed > 780
    watch["watch_exceeds_title"] = observed > 3 * runtime
    watch["progress_action_inconsistent"] = (watch["action"] == "completed") & (watch["progress_percentage"] < 50)
    from_progress = watch["progress_percentage"] / 100.0 * runtime
    watch["watch_duration_minutes_was_imputed"] = observed.isna()
    by_action_device = watch.groupby(["action", "device_type"])["watch_duration_minutes"].transform("median")
    watch["watch_duration_minutes"] = observed.fillna(from_progress).fillna(by_action_device)

    recs = t["recommendation_logs"]
    recs["device_type"] = canonical_device(recs["device_type"])
    fill_median_by(recs, "recommendation_score", ["recommendation_type"])
    recs["algorithm_version"] = recs["algorithm_version"].fillna("unknown")

    searches = t["search_logs"]
    searches["device_type"] = canonical_device(searches["device_type"])
    fill_median_by(searches, "search_duration_seconds", ["device_type"])
    searches["clicked"] = searches["clicked_result_position"].notna()

    reviews = t["reviews"]
    reviews["device_type"] = canonical_device(reviews["device_type"])
    fill_median_by(reviews, "sentiment_score", ["sentiment"])


def attributed(events, event_date, sessions, within_days, by):
    """For each event, whether the user watched (the same title when `by` includes movie_id) within N days after it."""
    left = events[[*by, event_date]].reset_index().sort_values(event_date)
    right = sessions[[*by, "watch_date"]].sort_values("watch_date")
    hit = pd.merge_asof(left, right, left_on=event_date, right_on="watch_date", by=by, direction="forward",
                        tolerance=pd.Timedelta(days=within_days))
    return hit.set_index("index")["watch_date"].notna().reindex(events.index)


def integrate(t):
    users, movies, watch = t["users"], t["movies"], t["watch_history"]
    sessions = watch.merge(movies[["movie_id", "content_type", "genre_primary", "duration_minutes"]], on="movie_id", how="left")
    sessions = sessions.merge(users[["user_id", "subscription_plan", "country", "age", "is_active"]], on="user_id", how="left")
    sessions["completion_ratio"] = sessions["watch_duration_minutes"] / sessions["duration_minutes"].replace(0, np.nan)
    sessions["activity_month"] = sessions["watch_date"].dt.to_period("M")
    recs = t["recommendation_logs"]
    recs["led_to_watch"] = attributed(recs, "recommendation_date", watch, 7, ["user_id", "movie_id"])
    searches = t["search_logs"]
    searches["led_to_watch"] = attributed(searches, "search_date", watch, 1, ["user_id"])
    days = pd.concat([
        watch[["user_id", "watch_date"]].rename(columns={"watch_date": "day"}).assign(sessions=1, recs=0, searches=0, reviews=0),
        recs[["user_id", "recommendation_date"]].rename(columns={"recommendation_date": "day"}).assign(sessions=0, recs=1, searches=0, reviews=0),
        searches[["user_id", "search_date"]].rename(columns={"search_date": "day"}).assign(sessions=0, recs=0, searches=1, reviews=0),
        t["reviews"][["user_id", "review_date"]].rename(columns={"review_date": "day"}).assign(sessions=0, recs=0, searches=0, reviews=1),
    ])
    rollup = days.groupby(["user_id", "day"], sort=False).sum()
    return sessions, rollup


def gold(t, sessions):
    # Vectorised aggregations only (no per-group Python lambdas), so the peer is pandas at its fastest.
    sessions["is_completed"] = sessions["action"] == "completed"
    engagement = sessions.groupby(["user_id", "activity_month"]).agg(
        sessions=("session_id", "size"), minutes=("watch_duration_minutes", "sum"),
        completed=("is_completed", "sum"), titles=("movie_id", "nunique")).reset_index()
    content = sessions.groupby("movie_id").agg(
        views=("session_id", "size"), viewers=("user_id", "nunique"), minutes=("watch_duration_minutes", "sum"),
        avg_completion=("completion_ratio", "mean"), avg_rating=("user_rating", "mean")).reset_index()
    recs = t["recommendation_logs"]
    ctr = pd.concat([
        recs.groupby(dim).agg(impressions=("was_clicked", "size"), clicks=("was_clicked", "sum"), watched=("led_to_watch", "sum"))
            .reset_index().rename(columns={dim: "value"}).assign(dimension=dim)
        for dim in ["recommendation_type", "position_in_list", "device_type", "time_of_day", "algorithm_version"]
    ])
    ctr["value"] = ctr["value"].astype(str)
    ctr["ctr"] = ctr["clicks"] / ctr["impressions"]
    users = t["users"].copy()
    users["age_band"] = pd.cut(users["age"], [0, 18, 25, 35, 50, 65, 200], right=False).astype(str)
    users["tenure_days"] = (AS_OF - users["subscription_start_date"]).dt.days
    users["churned"] = ~users["is_active"].astype(bool)
    churn = pd.concat([
        users.groupby(seg).agg(users=("user_id", "size"), churned=("churned", "sum"), spend=("monthly_spend", "mean"))
            .reset_index().rename(columns={seg: "value"}).assign(segment=seg)
        for seg in ["subscription_plan", "country", "age_band", "primary_device"]
    ])
    churn["value"] = churn["value"].astype(str)
    churn["churn_rate"] = churn["churned"] / churn["users"]
    engagement["activity_month"] = engagement["activity_month"].astype(str)
    return {"engagement_by_user_month": engagement, "content_by_title": content, "ctr_by_dimension": ctr, "churn_by_segment": churn}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    stages = {}
    started = time.perf_counter()

    mark = time.perf_counter()
    tables = {name: read_typed(args.input, name) for name in KEYS}
    source_rows = sum(len(f) for f in tables.values())
    stages["read_and_type"] = time.perf_counter() - mark

    mark = time.perf_counter()
    for name, key in KEYS.items():
        frame = tables[name]
        frame["exact_duplicate"] = frame.duplicated(keep="first")
        tables[name] = frame[~frame.duplicated(subset=[key], keep="first")].drop(columns="exact_duplicate").reset_index(drop=True)
    stages["dedup"] = time.perf_counter() - mark

    mark = time.perf_counter()
    clean(tables)
    stages["clean_impute"] = time.perf_counter() - mark

    mark = time.perf_counter()
    sessions, rollup = integrate(tables)
    stages["joins"] = time.perf_counter() - mark

    mark = time.perf_counter()
    gold_frames = gold(tables, sessions)
    out = args.out or tempfile.mkdtemp(prefix="marquee-pandas-peer-")
    os.makedirs(out, exist_ok=True)
    for name, frame in gold_frames.items():
        frame.to_parquet(os.path.join(out, f"{name}.parquet"), index=False)
    stages["gold"] = time.perf_counter() - mark

    print(json.dumps({
        "seconds": time.perf_counter() - started, "stages": stages, "source_rows": source_rows,
        "rollup_rows": len(rollup), "gold_rows": {k: len(v) for k, v in gold_frames.items()},
        "pandas": pd.__version__,
    }))


if __name__ == "__main__":
    sys.exit(main())
