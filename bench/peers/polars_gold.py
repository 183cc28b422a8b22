"""Gold tables for the Polars peer (the subset it covers: see COVERED in polars_pipeline.py)."""
import datetime as dt

import polars as pl

RECORDED = ~pl.col("is_invalid_duration") & ~pl.col("watch_duration_minutes_was_imputed")
WATCH_HOURS = pl.when(RECORDED).then(pl.col("watch_duration_minutes").fill_null(0)).otherwise(0.0).sum() / 60.0
COMPLETION = (pl.col("action") == "completed").cast(pl.Float64).mean()


def _share(flag: pl.Expr) -> pl.Expr:
    return flag.cast(pl.Float64).mean()


def engagement_by_user_month(sessions: pl.DataFrame) -> pl.DataFrame:
    completed = (pl.col("action") == "completed").cast(pl.Float64).sum()
    return sessions.group_by("user_id", pl.col("watch_date").dt.truncate("1mo").alias("month")).agg(
        pl.len().alias("sessions"),
        WATCH_HOURS.alias("watch_hours"),
        (pl.when(~pl.col("is_invalid_duration") & pl.col("watch_duration_minutes_was_imputed")).then(pl.col("watch_duration_minutes").fill_null(0)).otherwise(0.0).sum() / 60.0).alias(
            "imputed_watch_hours"
        ),
        COMPLETION.alias("completion_rate"),
        (pl.col("is_progress_inconsistent").cast(pl.Float64).sum() / pl.when(completed != 0).then(completed)).alias("completed_low_progress_share"),
        pl.col("movie_id").n_unique().alias("distinct_titles"),
        pl.col("genre_primary").drop_nulls().n_unique().alias("distinct_genres"),
        pl.col("is_binge").cast(pl.Int64).sum().alias("binge_sessions"),
        pl.when(RECORDED).then(pl.col("watch_duration_minutes")).mean().alias("avg_session_minutes"),
    )


def content_by_title(sessions, movies, reviews, recs, as_of: dt.date) -> pl.DataFrame:
    d = pl.col("watch_date")
    last_start, prev_start = as_of - dt.timedelta(days=28), as_of - dt.timedelta(days=56)
    watch = sessions.group_by("movie_id").agg(
        pl.len().alias("views"),
        pl.col("user_id").n_unique().alias("unique_viewers"),
        WATCH_HOURS.alias("watch_hours"),
        COMPLETION.alias("completion_rate"),
        pl.col("user_rating").mean().alias("avg_session_rating"),
        ((d > last_start) & (d <= as_of)).cast(pl.Int64).sum().alias("views_last_28d"),
        ((d > prev_start) & (d <= last_start)).cast(pl.Int64).sum().alias("views_prev_28d"),
    )
    review_mix = reviews.group_by("movie_id").agg(
        pl.len().alias("reviews"),
        pl.col("rating").mean().alias("avg_rating"),
        *[_share(pl.col("sentiment") == s).alias(f"{s}_share") for s in ("positive", "neutral", "negative")],
    )
    rec = recs.group_by("movie_id").agg(
        pl.len().alias("impressions"), pl.col("was_clicked").cast(pl.Int64).sum().alias("clicks"), _share(pl.col("was_clicked")).alias("ctr")
    )
    m = movies.select("movie_id", "title", "content_type", "genre_primary", "release_year")
    j = m.join(watch, on="movie_id", how="left").join(review_mix, on="movie_id", how="left").join(rec, on="movie_id", how="left")
    views = pl.col("views").fill_null(0)
    last, prev = pl.col("views_last_28d").fill_null(0), pl.col("views_prev_28d").fill_null(0)
    return j.select(
        "movie_id", "title", "content_type", "genre_primary", "release_year",
        views.alias("views"), pl.col("unique_viewers").fill_null(0), pl.col("watch_hours").fill_null(0.0),
        "completion_rate", "avg_session_rating", pl.col("reviews").fill_null(0), "avg_rating", "positive_share", "neutral_share",
        "negative_share", pl.col("impressions").fill_null(0), pl.col("clicks").fill_null(0), "ctr",
        views.rank(method="min", descending=True).alias("popularity_rank"),
        last.alias("views_last_28d"), prev.alias("views_prev_28d"),
        ((last - prev).cast(pl.Float64) / pl.when(prev != 0).then(prev)).alias("trend_28d"),
    )  # fmt: skip


def content_by_title_week(sessions: pl.DataFrame) -> pl.DataFrame:
    return sessions.group_by("movie_id", pl.col("watch_date").dt.truncate("1w").alias("week")).agg(
        pl.len().alias("views"), pl.col("user_id").n_unique().alias("unique_viewers"), WATCH_HOURS.alias("watch_hours"), COMPLETION.alias("completion_rate")
    )


def recommendation_ctr(recs: pl.DataFrame) -> pl.DataFrame:
    def by(dimension, value):
        grouped = recs.with_columns(value.alias("value")).group_by("value")
        return grouped.agg(pl.len().alias("impressions"), pl.col("was_clicked").cast(pl.Int64).sum().alias("clicks")).with_columns(pl.lit(dimension).alias("dimension"))

    parts = [
        by("overall", pl.lit("all")),
        by("recommendation_type", pl.col("recommendation_type")),
        by("algorithm_version", pl.col("algorithm_version").fill_null("unknown")),
        by("position", pl.col("position_in_list").cast(pl.String)),
        by("device", pl.col("device_type")),
        by("time_of_day", pl.col("time_of_day")),
    ]
    b = pl.concat(parts, how="vertical_relaxed")
    n, p = pl.col("impressions").cast(pl.Float64), pl.col("clicks").cast(pl.Float64) / pl.col("impressions")
    z2 = 3.8416  # 1.96 squared: the Wilson score interval at 95%

    def wilson(sign):
        return (p + z2 / (2.0 * n) + sign * 1.96 * (p * (1 - p) / n + z2 / (4.0 * n * n)).sqrt()) / (1 + z2 / n)

    return b.select("dimension", "value", "impressions", "clicks", p.alias("ctr"), wilson(-1).alias("ctr_ci_low"), wilson(1).alias("ctr_ci_high"))


def _search_measures():
    return [
        pl.len().alias("searches"),
        _share(pl.col("results_returned") == 0).alias("zero_result_rate"),
        _share(pl.col("clicked")).alias("search_click_through"),
        pl.col("clicked_result_position").mean().alias("mean_click_position"),
        pl.col("is_click_beyond_results").cast(pl.Int64).sum().alias("clicks_beyond_results"),
    ]


def search_kpis(searches: pl.DataFrame) -> pl.DataFrame:
    def by(dimension, value):
        return searches.with_columns(value.alias("value")).group_by("value").agg(_search_measures()).with_columns(pl.lit(dimension).alias("dimension"))

    parts = [
        by("overall", pl.lit("all")),
        by("had_typo", pl.when(pl.col("had_typo")).then(pl.lit("typo")).otherwise(pl.lit("no typo"))),
        by("used_filters", pl.when(pl.col("used_filters")).then(pl.lit("filters")).otherwise(pl.lit("no filters"))),
        by("device", pl.col("device_type")),
    ]
    return pl.concat(parts, how="vertical_relaxed").select("dimension", "value", "searches", "zero_result_rate", "search_click_through", "mean_click_position", "clicks_beyond_results")


def viewing_patterns(sessions: pl.DataFrame) -> pl.DataFrame:
    def by(dimension, value):
        return sessions.with_columns(value.alias("value")).group_by("value").agg(
            pl.len().alias("sessions"), WATCH_HOURS.alias("watch_hours"), COMPLETION.alias("completion_rate")
        ).with_columns(pl.lit(dimension).alias("dimension"))

    parts = [
        by("device", pl.col("device_type")),
        by("quality", pl.col("quality")),
        by("weekday", pl.col("watch_date").dt.weekday().cast(pl.String)),
        by("month", pl.col("watch_date").dt.month().cast(pl.String)),
        by("country", pl.col("location_country")),
    ]
    b = pl.concat(parts, how="vertical_relaxed")
    return b.select(
        "dimension", "value", "sessions", "watch_hours", "completion_rate", (pl.col("sessions").cast(pl.Float64) / pl.col("sessions").sum().over("dimension")).alias("session_share")
    )


def genre_by_demographic(sessions: pl.DataFrame) -> pl.DataFrame:
    g = sessions.group_by("age_band", "gender", "genre_primary").agg(pl.len().alias("sessions"), WATCH_HOURS.alias("watch_hours"))
    return g.with_columns((pl.col("sessions").cast(pl.Float64) / pl.col("sessions").sum().over(["age_band", "gender"])).alias("genre_share"))


def search_top_queries(searches: pl.DataFrame) -> pl.DataFrame:
    g = searches.group_by("search_query").agg(
        pl.len().alias("searches"),
        _share(pl.col("results_returned") == 0).alias("zero_result_rate"),
        _share(pl.col("clicked")).alias("search_click_through"),
        pl.col("clicked_result_position").mean().alias("mean_click_position"),
    )
    return g.with_columns(pl.col("searches").rank(method="min", descending=True).alias("query_rank"))


def title_daily_views(sessions: pl.DataFrame) -> pl.DataFrame:
    return sessions.group_by("movie_id", pl.col("watch_date").alias("day")).agg(pl.len().alias("views"), pl.col("user_id").n_unique().alias("viewers"))


def user_item_interactions(sessions: pl.DataFrame) -> pl.DataFrame:
    return sessions.group_by("user_id", "movie_id").agg(
        pl.len().alias("sessions"),
        pl.when(pl.col("is_invalid_duration")).then(0.0).otherwise(pl.col("watch_duration_minutes").fill_null(0)).sum().alias("minutes"),
        pl.col("progress_percentage").max().alias("max_progress"),
        (pl.col("action") == "completed").any().alias("completed"),
        pl.col("user_rating").mean().alias("avg_user_rating"),
        pl.col("watch_date").min().alias("first_watch_date"),
        pl.col("watch_date").max().alias("last_watch_date"),
    )


def review_texts(reviews: pl.DataFrame) -> pl.DataFrame:
    return reviews.filter(pl.col("review_text").is_not_null()).select("review_id", "movie_id", "review_date", "review_text", "rating", "sentiment", "sentiment_score")


def search_queries(searches: pl.DataFrame) -> pl.DataFrame:
    return searches.select("search_id", "search_date", "search_query", "had_typo", "used_filters", "results_returned", "clicked", "clicked_result_position", "device_type")
