"""The five silver integration models for the Polars peer: sessions joined to titles and viewers,
recommendations and searches attributed to later watches, reviews matched to watches, and one row
per user and day of everything the user did."""
import polars as pl


def _signup(users: pl.DataFrame) -> pl.DataFrame:
    return users.select("user_id", pl.col("created_date").alias("signup_date"))


def sessions_joined_to_titles(watch: pl.DataFrame, movies: pl.DataFrame, users: pl.DataFrame) -> pl.DataFrame:
    titles = movies.select(
        "movie_id", "title", "content_type", "genre_primary", "genre_secondary", "release_year",
        pl.col("rating").alias("content_rating"), "language", "is_netflix_original",
    )  # fmt: skip
    viewers = users.select("user_id", "age", "age_band", "gender", pl.col("country").alias("user_country"), "subscription_plan", pl.col("created_date").alias("signup_date"))
    s = watch.join(titles, on="movie_id", how="left").join(viewers, on="user_id", how="left")
    tdur = pl.col("title_duration_minutes")
    dow = pl.col("watch_date").dt.weekday()
    return s.select(
        "session_id", "user_id", "movie_id", "watch_date", "device_type", "watch_duration_minutes", "watch_duration_minutes_was_imputed",
        "progress_percentage", "progress_percentage_is_missing", "action", "quality", "quality_tier", "quality_rank", "location_country",
        "is_download", "user_rating", "title_duration_minutes", "title_added_date", "title", "content_type", "genre_primary",
        "genre_secondary", "release_year", "content_rating", "language", "is_netflix_original", "age", "age_band", "gender",
        "user_country", "subscription_plan", "signup_date",
        (pl.col("watch_duration_minutes").cast(pl.Float64) / pl.when(tdur != 0).then(tdur)).alias("completion_ratio"),
        dow.alias("watch_iso_dow"), (dow >= 6).alias("is_weekend"), pl.col("watch_date").dt.month().alias("watch_month"),
        pl.col("watch_date").dt.strftime("%Y-%m").alias("watch_year_month"),
        (pl.col("watch_date") - pl.col("signup_date")).dt.total_days().alias("days_since_signup"),
        (pl.col("watch_date") - pl.col("title_added_date")).dt.total_days().alias("days_since_title_added"),
        "is_binge", "is_invalid_duration", "is_watch_over_title_multiple", "is_progress_inconsistent", "is_before_title_added",
        (pl.col("watch_date") < pl.col("signup_date")).fill_null(False).alias("is_before_signup"),
    )  # fmt: skip


def recommendations_attributed(recs: pl.DataFrame, watch: pl.DataFrame, users: pl.DataFrame, days: int) -> pl.DataFrame:
    sessions = watch.select("user_id", "movie_id", "watch_date")
    window = (pl.col("watch_date") >= pl.col("recommendation_date")) & (pl.col("watch_date") <= pl.col("recommendation_date") + pl.duration(days=days))
    attributed = (
        recs.select("recommendation_id", "user_id", "movie_id", "recommendation_date")
        .join(sessions, on=["user_id", "movie_id"], how="inner")
        .filter(window)
        .group_by("recommendation_id")
        .agg(pl.col("watch_date").min().alias("first_watch_date"), pl.len().alias("sessions_in_window"))
    )
    r = recs.join(attributed, on="recommendation_id", how="left").join(_signup(users), on="user_id", how="left")
    return r.select(
        "recommendation_id", "user_id", "movie_id", "recommendation_date", "recommendation_type", "recommendation_score", "was_clicked",
        "position_in_list", "device_type", "time_of_day", "algorithm_version",
        pl.lit(days).alias("attribution_window_days"),
        pl.col("first_watch_date").is_not_null().alias("watched_within_window"),
        pl.col("first_watch_date").alias("attributed_watch_date"),
        (pl.col("first_watch_date") - pl.col("recommendation_date")).dt.total_days().alias("days_to_watch"),
        pl.col("sessions_in_window").fill_null(0).alias("sessions_in_window"),
        (pl.col("recommendation_date") < pl.col("signup_date")).fill_null(False).alias("is_before_signup"),
    )  # fmt: skip


def searches_attributed(searches: pl.DataFrame, watch: pl.DataFrame, users: pl.DataFrame, days: int) -> pl.DataFrame:
    sessions = watch.select("user_id", "watch_date")
    window = (pl.col("watch_date") >= pl.col("search_date")) & (pl.col("watch_date") <= pl.col("search_date") + pl.duration(days=days))
    attributed = (
        searches.select("search_id", "user_id", "search_date")
        .join(sessions, on="user_id", how="inner")
        .filter(window)
        .group_by("search_id")
        .agg(pl.col("watch_date").min().alias("first_watch_date"), pl.len().alias("sessions_in_window"))
    )
    q = searches.join(attributed, on="search_id", how="left").join(_signup(users), on="user_id", how="left")
    return q.select(
        "search_id", "user_id", "search_query", "search_date", "results_returned", "clicked", "clicked_result_position",
        "is_click_beyond_results", "device_type", "had_typo", "used_filters",
        pl.lit(days).alias("attribution_window_days"),
        pl.col("first_watch_date").is_not_null().alias("watched_within_window"),
        pl.col("first_watch_date").alias("attributed_watch_date"),
        pl.col("sessions_in_window").fill_null(0).alias("sessions_in_window"),
        (pl.col("search_date") < pl.col("signup_date")).fill_null(False).alias("is_before_signup"),
    )  # fmt: skip


def reviews_matched(reviews: pl.DataFrame, watch: pl.DataFrame, users: pl.DataFrame, movies: pl.DataFrame) -> pl.DataFrame:
    sessions = watch.select("user_id", "movie_id", "watch_date")
    matched = (
        reviews.select("review_id", "user_id", "movie_id", "review_date")
        .join(sessions, on=["user_id", "movie_id"], how="inner")
        .group_by("review_id")
        .agg(
            pl.len().alias("sessions_of_title"),
            (pl.col("watch_date") <= pl.col("review_date")).cast(pl.Int64).sum().alias("sessions_before_review"),
            pl.col("watch_date").min().alias("first_watch_date"),
        )
    )
    v = (
        reviews.join(matched, on="review_id", how="left")
        .join(_signup(users), on="user_id", how="left")
        .join(movies.select("movie_id", "added_to_platform"), on="movie_id", how="left")
    )
    before = pl.col("sessions_before_review").fill_null(0)
    return v.select(
        "review_id", "user_id", "movie_id", "rating", "review_date", "device_type", "sentiment", "sentiment_score", "is_verified_watch",
        pl.col("sessions_of_title").fill_null(0).alias("sessions_of_title"),
        before.alias("sessions_before_review"),
        "first_watch_date",
        (before > 0).alias("has_watch_before_review"),
        (pl.col("is_verified_watch") == (before > 0)).alias("is_verified_watch_consistent"),
        (pl.col("review_date") < pl.col("signup_date")).fill_null(False).alias("is_before_signup"),
        (pl.col("review_date") < pl.col("added_to_platform")).fill_null(False).alias("is_before_title_added"),
    )  # fmt: skip


COUNTS = ["sessions", "watch_minutes", "completed_sessions", "binge_sessions", "impressions", "impressions_clicked", "searches", "searches_clicked", "reviews", "review_rating_sum"]


def user_activity_by_day(watch: pl.DataFrame, recs: pl.DataFrame, searches: pl.DataFrame, reviews: pl.DataFrame) -> pl.DataFrame:
    def day(frame, date, **aggs):
        part = frame.group_by(pl.col("user_id"), pl.col(date).alias("activity_date")).agg(**aggs)
        return part.with_columns([pl.lit(0, dtype=pl.Float64 if c == "watch_minutes" else pl.Int64).alias(c) for c in COUNTS if c not in aggs])

    as_int = lambda e: e.cast(pl.Int64).sum()  # noqa: E731
    parts = [
        day(
            watch, "watch_date",
            sessions=pl.len().cast(pl.Int64),
            watch_minutes=pl.when(pl.col("is_invalid_duration")).then(0.0).otherwise(pl.col("watch_duration_minutes")).sum(),
            completed_sessions=as_int(pl.col("action") == "completed"),
            binge_sessions=as_int(pl.col("is_binge")),
        ),
        day(recs, "recommendation_date", impressions=pl.len().cast(pl.Int64), impressions_clicked=as_int(pl.col("was_clicked"))),
        day(searches, "search_date", searches=pl.len().cast(pl.Int64), searches_clicked=as_int(pl.col("clicked"))),
        day(reviews, "review_date", reviews=pl.len().cast(pl.Int64), review_rating_sum=pl.col("rating").cast(pl.Int64).sum()),
    ]  # fmt: skip
    stacked = pl.concat([p.select(["user_id", "activity_date", *COUNTS]) for p in parts], how="vertical_relaxed")
    return stacked.group_by("user_id", "activity_date").agg([pl.col(c).sum() for c in COUNTS])
