"""Gold tables per subscriber for the Polars peer: point-in-time ML features, churn / MRR / ARPU by
segment with Wilson intervals, and each user's taste (genre and device mix)."""
import datetime as dt

import polars as pl

from polars_gold import RECORDED, _share
from polars_gold_segments import _round_half_away

TASTE_RECOMMENDATION_TYPES = ["personalized", "genre_based", "similar_users"]


def user_features(sessions, users, recs, searches, reviews, as_of: dt.date, label_days: int) -> pl.DataFrame:
    d = pl.col("watch_date")
    day = lambda n: as_of + dt.timedelta(days=n)  # noqa: E731
    last90 = d >= day(-90)
    minutes = pl.col("watch_duration_minutes").fill_null(0)
    watch = (
        sessions.filter(d < as_of)
        .group_by("user_id")
        .agg(
            pl.len().alias("sessions_total"),
            (d >= day(-30)).cast(pl.Int64).sum().alias("sessions_30d"),
            last90.cast(pl.Int64).sum().alias("sessions_90d"),
            ((d >= day(-180)) & (d < day(-90))).cast(pl.Int64).sum().alias("sessions_prev_90d"),
            _round_half_away(pl.when(last90 & RECORDED).then(minutes).otherwise(0.0).sum() / 60.0, 9).alias("watch_hours_90d"),
            _round_half_away(pl.when(RECORDED).then(minutes).otherwise(0.0).sum() / 60.0, 9).alias("watch_hours_total"),
            pl.when(last90).then((pl.col("action") == "completed").cast(pl.Float64)).mean().alias("completion_rate_90d"),
            _share(pl.col("action") == "completed").alias("completion_rate_total"),
            _round_half_away(pl.col("progress_percentage").mean(), 9).alias("avg_progress"),
            pl.col("movie_id").n_unique().alias("distinct_titles"),
            pl.col("genre_primary").drop_nulls().n_unique().alias("distinct_genres"),
            pl.col("is_binge").cast(pl.Int64).sum().alias("binge_sessions"),
            _share(pl.col("is_download")).alias("download_share"),
            d.max().alias("last_watch_date"),
        )
    )
    label_window = sessions.filter((d >= as_of) & (d < day(label_days))).select("user_id").unique().with_columns(pl.lit(True).alias("_returned"))
    recent = lambda c: (pl.col(c) < as_of) & (pl.col(c) >= day(-90))  # noqa: E731
    rec = recs.filter(recent("recommendation_date")).group_by("user_id").agg(pl.len().alias("impressions_90d"), _share(pl.col("was_clicked")).alias("rec_ctr_90d"))
    srch = searches.filter(recent("search_date")).group_by("user_id").agg(pl.len().alias("searches_90d"), _share(pl.col("clicked")).alias("search_ctr_90d"))
    rev = reviews.filter(pl.col("review_date") < as_of).group_by("user_id").agg(pl.len().alias("reviews_total"), pl.col("rating").mean().alias("avg_review_rating"))
    j = (
        users.filter(~pl.col("is_inferred"))
        .join(watch, on="user_id", how="left")
        .join(rec, on="user_id", how="left")
        .join(srch, on="user_id", how="left")
        .join(rev, on="user_id", how="left")
        .join(label_window, on="user_id", how="left")
    )
    z = lambda c: pl.col(c).fill_null(0)  # noqa: E731
    as_of_lit = pl.lit(as_of)
    return j.select(
        "user_id", as_of_lit.alias("as_of_date"), "subscription_plan", "country", "primary_device", "age", "household_size", "monthly_spend",
        (as_of_lit - pl.col("subscription_start_date")).dt.total_days().alias("tenure_days"),
        z("sessions_total"), z("sessions_30d"), z("sessions_90d"), z("sessions_prev_90d"),
        ((z("sessions_90d") + 1.0) / (z("sessions_prev_90d") + 1.0)).alias("session_trend"),
        pl.col("watch_hours_90d").fill_null(0.0), pl.col("watch_hours_total").fill_null(0.0),
        "completion_rate_90d", "completion_rate_total", "avg_progress",
        z("distinct_titles"), z("distinct_genres"), z("binge_sessions"), "download_share",
        (as_of_lit - pl.col("last_watch_date")).dt.total_days().alias("days_since_last_watch"),
        z("impressions_90d"), "rec_ctr_90d", z("searches_90d"), "search_ctr_90d", z("reviews_total"), "avg_review_rating",
        (~pl.col("is_active")).alias("churned"),
        pl.when(z("sessions_90d") > 0).then(pl.col("_returned").is_null()).alias("churned_behavioural"),
    )  # fmt: skip


def churn_by_segment(users: pl.DataFrame, spend_band: float) -> pl.DataFrame:
    """spend_band: MRR leaves out accounts spending this much or more (the contract's plausible maximum)."""
    active = pl.col("is_active")
    in_band = (pl.col("monthly_spend") >= spend_band).fill_null(False)
    counted = active & ~in_band
    mrr = pl.when(counted).then(pl.col("monthly_spend")).otherwise(0.0).sum()
    accounts = users.filter(~pl.col("is_inferred"))
    measures = [
        pl.len().alias("subscribers"),
        active.cast(pl.Int64).sum().alias("active_subscribers"),
        (~active).cast(pl.Float64).mean().alias("churn_rate"),
        mrr.alias("mrr"),
        (mrr / pl.when(counted.cast(pl.Int64).sum() != 0).then(counted.cast(pl.Int64).sum())).alias("arpu"),
        (active & in_band).cast(pl.Int64).sum().alias("spend_outlier_accounts"),
        (active & pl.col("is_spend_outlier") & ~in_band).cast(pl.Int64).sum().alias("spend_mad_flagged_accounts"),
    ]
    dims = [("overall", pl.lit("all")), ("plan", pl.col("subscription_plan")), ("country", pl.col("country")), ("signup_cohort", pl.col("signup_quarter")),
            ("device", pl.col("primary_device")), ("age_band", pl.col("age_band"))]  # fmt: skip
    b = pl.concat(
        [accounts.with_columns(v.alias("value")).group_by("value").agg(measures).with_columns(pl.lit(name).alias("dimension")) for name, v in dims],
        how="vertical_relaxed",
    )
    n = pl.col("subscribers").cast(pl.Float64)
    p = (pl.col("subscribers") - pl.col("active_subscribers")).cast(pl.Float64) / n
    z2 = 3.8416

    def wilson(sign):
        return (p + z2 / (2.0 * n) + sign * 1.96 * (p * (1 - p) / n + z2 / (4.0 * n * n)).sqrt()) / (1 + z2 / n)

    cols = ["dimension", "value", "subscribers", "active_subscribers", "churn_rate", "mrr", "arpu", "spend_outlier_accounts", "spend_mad_flagged_accounts"]
    return b.select(*cols, wilson(-1).alias("churn_ci_low"), wilson(1).alias("churn_ci_high"))


def user_taste(sessions, reviews, recs, searches, movies, as_of: dt.date) -> pl.DataFrame:
    genres = movies.select("movie_id", "genre_primary")
    watched = sessions.filter(pl.col("watch_date") < as_of)
    genre_events = pl.concat(
        [
            watched.select("user_id", pl.col("genre_primary").alias("value")),
            reviews.filter(pl.col("review_date") < as_of).join(genres, on="movie_id", how="inner").select("user_id", pl.col("genre_primary").alias("value")),
            recs.filter((pl.col("recommendation_date") < as_of) & pl.col("recommendation_type").is_in(TASTE_RECOMMENDATION_TYPES))
            .join(genres, on="movie_id", how="inner")
            .select("user_id", pl.col("genre_primary").alias("value")),
        ]
    )
    watch_devices = watched.select("user_id", pl.col("device_type").alias("value"))
    event_devices = pl.concat(
        [
            searches.filter(pl.col("search_date") < as_of).select("user_id", pl.col("device_type").alias("value")),
            recs.filter(pl.col("recommendation_date") < as_of).select("user_id", pl.col("device_type").alias("value")),
            reviews.filter(pl.col("review_date") < as_of).select("user_id", pl.col("device_type").alias("value")),
        ]
    )
    counted = pl.concat(
        [
            events.drop_nulls("value").group_by("user_id", "value").agg(pl.len().alias("events")).with_columns(pl.lit(kind).alias("kind"))
            for kind, events in (("genre", genre_events), ("watch_device", watch_devices), ("event_device", event_devices))
        ]
    )
    return counted.select(
        "user_id", "kind", "value", "events", (pl.col("events").cast(pl.Float64) / pl.col("events").sum().over("user_id", "kind")).alias("share")
    )
