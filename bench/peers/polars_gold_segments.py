"""More gold tables for the Polars peer: engagement per user (with its percentile score), review KPIs
by dimension, and daily facts by country x plan x device."""
import datetime as dt

import polars as pl

from polars_gold import COMPLETION, RECORDED, WATCH_HOURS, _share


def _round_half_away(expr: pl.Expr, decimals: int) -> pl.Expr:
    """SQL round(x, d): halves away from zero."""
    scale = 10.0**decimals
    return expr.sign() * (expr.abs() * scale + 0.5).floor() / scale


def _percent_rank(expr: pl.Expr) -> pl.Expr:
    """(rank - 1) / (rows - 1), ties sharing their lowest rank; 0 for a single row."""
    n = pl.len()
    return pl.when(n > 1).then((expr.rank(method="min") - 1).cast(pl.Float64) / (n - 1)).otherwise(0.0)


def engagement_by_user(sessions: pl.DataFrame, users: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    d = pl.col("watch_date")
    per_user = (
        sessions.filter(d <= as_of)
        .group_by("user_id")
        .agg(
            pl.len().alias("sessions"),
            WATCH_HOURS.alias("watch_hours"),
            COMPLETION.alias("completion_rate"),
            pl.col("movie_id").n_unique().alias("distinct_titles"),
            pl.col("genre_primary").drop_nulls().n_unique().alias("distinct_genres"),
            pl.col("is_binge").cast(pl.Int64).sum().alias("binge_sessions"),
            d.max().alias("last_watch_date"),
            (d > as_of - dt.timedelta(days=90)).cast(pl.Int64).sum().alias("sessions_last_90d"),
        )
    )
    as_of_lit = pl.lit(as_of)
    j = users.join(per_user, on="user_id", how="left").select(
        "user_id", "subscription_plan", "country", "is_active",
        pl.col("sessions").fill_null(0), pl.col("watch_hours").fill_null(0.0), "completion_rate",
        pl.col("distinct_titles").fill_null(0), pl.col("distinct_genres").fill_null(0), pl.col("binge_sessions").fill_null(0),
        "last_watch_date",
        (as_of_lit - pl.col("last_watch_date")).dt.total_days().alias("recency_days"),
        pl.col("sessions_last_90d").fill_null(0).alias("frequency_90d"),
        pl.col("monthly_spend").alias("monetary"),
        (as_of_lit - pl.col("subscription_start_date")).dt.total_days().alias("tenure_days"),
    )  # fmt: skip
    score = (
        _percent_rank(_round_half_away(pl.col("watch_hours"), 6))
        + _percent_rank(pl.col("frequency_90d"))
        + _percent_rank(pl.col("completion_rate").fill_null(0.0))
        + _percent_rank((-pl.col("recency_days")).fill_null(-100000))
    )
    return j.with_columns(_round_half_away(100.0 * score / 4.0, 2).alias("engagement_score"))


def review_kpis(reviews: pl.DataFrame) -> pl.DataFrame:
    measures = [
        pl.len().alias("reviews"),
        pl.col("rating").mean().alias("avg_rating"),
        _share(pl.col("sentiment") == "positive").alias("positive_share"),
        _share(pl.col("sentiment") == "negative").alias("negative_share"),
        (pl.col("helpful_votes").sum().cast(pl.Float64) / pl.when(pl.col("total_votes").sum() != 0).then(pl.col("total_votes").sum())).alias("helpfulness"),
    ]

    def by(dimension, key, label):
        # Grouped on the raw column, then labelled (a blank and a false flag stay two groups, as in SQL).
        grouped = reviews.with_columns(key.alias("_key")).group_by("_key").agg(measures)
        return grouped.with_columns(label(pl.col("_key")).alias("value"), pl.lit(dimension).alias("dimension")).drop("_key")

    parts = [
        by("overall", pl.lit("all"), lambda k: k),
        by("rating", pl.col("rating"), lambda k: k.cast(pl.String)),
        by("sentiment", pl.col("sentiment"), lambda k: k),
        by("device", pl.col("device_type"), lambda k: k),
        by("verified_watch", pl.col("is_verified_watch"), lambda k: pl.when(k).then(pl.lit("verified")).otherwise(pl.lit("not verified"))),
    ]
    b = pl.concat(parts, how="vertical_relaxed")
    return b.select(
        "dimension", "value", "reviews", "avg_rating", "positive_share", "negative_share", "helpfulness",
        (pl.col("reviews").cast(pl.Float64) / pl.col("reviews").sum().over("dimension")).alias("review_share"),
    )  # fmt: skip


FACTS = ["sessions", "watch_hours", "imputed_watch_hours", "completed_sessions", "completed_low_progress_sessions", "timed_sessions",
         "impressions", "clicks", "searches", "searches_clicked", "reviews", "rated_reviews", "rating_sum"]  # fmt: skip
KEYS = ["day", "country", "subscription_plan", "device"]


def daily_by_segment(sessions: pl.DataFrame, recs: pl.DataFrame, searches: pl.DataFrame, reviews: pl.DataFrame, users: pl.DataFrame) -> pl.DataFrame:
    def rounded(expr):
        return (expr + 0.5).floor().cast(pl.Int64)  # non-negative counts: round half up = half away from zero

    completed = (pl.col("action") == "completed").cast(pl.Float64)
    completed_count = rounded(completed.mean() * pl.len())
    low_share = (pl.col("is_progress_inconsistent").cast(pl.Float64).sum() / pl.when(completed.sum() != 0).then(completed.sum())).fill_null(0.0)
    watching = sessions.group_by(
        pl.col("watch_date").alias("day"), pl.col("user_country").alias("country"), "subscription_plan", pl.col("device_type").alias("device")
    ).agg(
        pl.len().alias("sessions"),
        WATCH_HOURS.alias("watch_hours"),
        (pl.when(~pl.col("is_invalid_duration") & pl.col("watch_duration_minutes_was_imputed")).then(pl.col("watch_duration_minutes").fill_null(0)).otherwise(0.0).sum() / 60.0).alias(
            "imputed_watch_hours"
        ),
        completed_count.alias("completed_sessions"),
        rounded(low_share * (completed.mean() * pl.len() + 0.5).floor()).alias("completed_low_progress_sessions"),
        pl.when(RECORDED).then(pl.col("watch_duration_minutes")).count().alias("timed_sessions"),
    )
    accounts = users.select("user_id", "country", "subscription_plan")

    def events(frame, date, aggs):
        keyed = frame.join(accounts, on="user_id", how="left")
        return keyed.group_by(pl.col(date).alias("day"), "country", "subscription_plan", pl.col("device_type").alias("device")).agg(aggs)

    recommending = events(recs, "recommendation_date", [pl.len().alias("impressions"), pl.col("was_clicked").cast(pl.Int64).sum().alias("clicks")])
    searching = events(searches, "search_date", [pl.len().alias("searches"), rounded(pl.col("clicked").cast(pl.Float64).mean() * pl.len()).alias("searches_clicked")])
    reviewing = events(
        reviews,
        "review_date",
        [pl.len().alias("reviews"), pl.col("rating").count().alias("rated_reviews"), rounded(pl.col("rating").mean() * pl.col("rating").count()).fill_null(0).alias("rating_sum")],
    )
    parts = []
    for part in (watching, recommending, searching, reviewing):
        missing = [pl.lit(0.0 if "hours" in f else 0).alias(f) for f in FACTS if f not in part.columns]
        parts.append(part.with_columns(missing).select(KEYS + FACTS))
    stacked = pl.concat(parts, how="vertical_relaxed")
    return stacked.group_by(KEYS).agg([pl.col(f).sum() for f in FACTS])
