"""Silver for the Polars peer: the current version of each key (exact re-sends logged), inferred
parents for unknown keys, normalisation, imputation with flags, anomaly flags, pseudonyms, and the
five integration models. Thresholds come from the spec (Marquee's silver settings and contracts).
"""
import hashlib
import hmac

import polars as pl

DEVICES = {"desktop": "Desktop", "tablet": "Tablet", "laptop": "Laptop", "smart tv": "Smart TV", "gaming console": "Gaming Console", "mobile": "Mobile"}
QUALITY_TIER = {"SD": "SD", "HD": "HD", "4K": "UHD", "Ultra HD": "UHD"}
QUALITY_RANK = {"SD": 1, "HD": 2, "4K": 3, "Ultra HD": 3}
AGE_BANDS = [(18, "under 18"), (25, "18-24"), (35, "25-34"), (45, "35-44"), (55, "45-54"), (65, "55-64")]


def round_half_away(expr: pl.Expr) -> pl.Expr:
    """SQL round(): halves go away from zero (Python and Polars default to halves-to-even)."""
    return (expr.sign() * (expr.abs() + 0.5).floor()).cast(pl.Int64)


def canonical_device(name: str) -> pl.Expr:
    return pl.col(name).str.strip_chars(" ").str.to_lowercase().replace_strict(DEVICES, default="Unknown", return_dtype=pl.String).fill_null("Unknown")


def plausible(table: dict, column: str, bound: str):
    return next(c for c in table["columns"] if c["name"] == column)["plausibleRange"][bound]


def versions(bronze: pl.DataFrame, key: str) -> pl.DataFrame:
    """Every row in key order (arrival order within a key), with _starts (its values differ from the
    row of its key before it), _version (1, 2 ... within the key, on every row), _is_current and
    _survivor (line of the first row of its version). One sort; no window functions."""
    ordered = bronze.sort(key, maintain_order=True)  # bronze rows arrive in line order
    new_key = pl.col(key) != pl.col(key).shift(1)
    starts = (new_key | (pl.col("_row_hash") != pl.col("_row_hash").shift(1))).fill_null(True)
    ordered = ordered.with_columns(starts.alias("_starts"), new_key.fill_null(True).alias("_new_key"))
    n = pl.col("_starts").cast(pl.Int64).cum_sum()
    first_of_key = pl.when(pl.col("_new_key")).then(n).forward_fill()
    is_last = (pl.col(key) != pl.col(key).shift(-1)).fill_null(True)
    last_of_key = pl.when(is_last).then(n).backward_fill()
    return ordered.with_columns(
        (n - first_of_key + 1).alias("_version"),
        (n == last_of_key).alias("_is_current"),
        pl.when(pl.col("_starts")).then(pl.col("_line_number")).forward_fill().alias("_survivor"),
    )


def current_versions(bronze: pl.DataFrame, key: str) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(the current version of each key, the dedup log of exact re-sends with the row that survives, all version rows)."""
    v = versions(bronze, key)
    current = v.filter(pl.col("_starts") & pl.col("_is_current")).select(bronze.columns).drop("_row_hash")
    log = v.filter(~pl.col("_starts")).select(
        pl.col(key).alias("key_value"), pl.col("_line_number").alias("dropped_line_number"), pl.col("_survivor").alias("surviving_line_number")
    )
    return current, log, v


def inferred(bronze: dict, parent: str, key: str, children: list[str], schema: dict) -> pl.DataFrame:
    """Keys that child rows name but the parent lacks, every attribute null."""
    named = pl.concat([bronze[c].select(pl.col(key)) for c in children]).drop_nulls().unique()
    missing = named.join(bronze[parent].select(key), on=key, how="anti")
    cols = [pl.col(key)] + [pl.lit(None, dtype=dtype).alias(name) for name, dtype in schema.items() if name != key]
    return missing.select(cols)


def median_fill(frame: pl.DataFrame, column: str, groups: list[str], cast=None) -> pl.Expr:
    """The group median of `column`, else the median over all rows (medians over non-null values)."""
    group = pl.col(column).median().over(groups) if groups else pl.lit(None)
    filled = pl.coalesce(group, pl.col(column).median())
    return round_half_away(filled) if cast == "round" else filled


def pseudonym(key: bytes, values: pl.Series) -> pl.Series:
    return values.map_elements(lambda v: hmac.new(key, v.encode("utf-8"), hashlib.sha256).hexdigest(), return_dtype=pl.String)


def users(bronze: dict, spec_table: dict, key: bytes) -> pl.DataFrame:
    current = bronze["_versions"]["users"][0]
    base = current.with_columns(pl.lit(False).alias("is_inferred"))
    schema = dict(base.schema)
    extra = inferred(bronze, "users", "user_id", ["watch_history", "recommendation_logs", "search_logs", "reviews"], schema)
    src = pl.concat([base, extra.with_columns(pl.lit(True).alias("is_inferred"))], how="diagonal_relaxed")
    age_min, age_max = plausible(spec_table, "age", "min"), plausible(spec_table, "age", "max")
    age_reported = round_half_away(pl.col("age"))
    in_range = age_reported.is_between(age_min, age_max)
    cleaned = src.with_columns(
        pseudonym(key, src["email"].str.strip_chars().str.to_lowercase()).alias("email_pseudonym"),
        pseudonym(key, src["first_name"]).alias("first_name_pseudonym"),
        pseudonym(key, src["last_name"]).alias("last_name_pseudonym"),
        age_reported.alias("age_reported"),
        pl.when(in_range).then(age_reported).alias("age_clean"),
        (pl.col("age").is_not_null() & ~in_range).alias("age_was_invalid"),
        pl.col("monthly_spend").cast(pl.Float64),
        canonical_device("primary_device").alias("primary_device"),
        round_half_away(pl.col("household_size")).alias("household_size"),
        pl.col("created_at").cast(pl.Date).alias("created_date"),
    ).drop("age").rename({"age_clean": "age"})
    spend_median = cleaned["monthly_spend"].median()
    spend_mad = (cleaned["monthly_spend"] - spend_median).abs().median() if spend_median is not None else None
    inf = pl.col("is_inferred")

    def unless_inferred(expr):
        return pl.when(inf).then(None).otherwise(expr)

    band = pl.when(pl.col("age").is_null()).then(pl.lit("Unknown"))
    for upper, label in AGE_BANDS:
        band = band.when(pl.col("age") < upper).then(pl.lit(label))
    band = band.otherwise(pl.lit("65+"))
    outlier_k = bronze["_spec"]["silver"]["spendMadK"]
    spend = pl.col("monthly_spend")
    spend_max = plausible(spec_table, "monthly_spend", "max")
    in_band = (spend >= spend_max).fill_null(False)
    mad_flagged = (
        spend.is_not_null()
        & (spend < spend_max)
        & ((spend_mad or 0) > 0)
        & ((spend - (spend_median or 0)).abs() > outlier_k * 1.4826 * (spend_mad or 0))
    )
    is_outlier = spend.is_not_null() & (
        (spend >= plausible(spec_table, "monthly_spend", "max"))
        | ((spend_mad or 0) > 0) & ((spend - (spend_median or 0)).abs() > outlier_k * 1.4826 * (spend_mad or 0))
    )
    return cleaned.select(
        "user_id",
        "email_pseudonym",
        "first_name_pseudonym",
        "last_name_pseudonym",
        (pl.col("email_pseudonym").is_not_null() & (pl.len().over("email_pseudonym") > 1)).alias("is_email_shared"),
        "age_reported",
        unless_inferred(pl.coalesce(pl.col("age"), median_fill(cleaned, "age", ["subscription_plan", "country"], "round"))).alias("age"),
        unless_inferred(pl.col("age").is_null()).alias("age_was_imputed"),
        "age_was_invalid",
        band.alias("age_band"),
        unless_inferred(pl.col("gender").fill_null("Unknown")).alias("gender"),
        unless_inferred(pl.col("gender").is_null()).alias("gender_was_imputed"),
        "country",
        "state_province",
        "city",
        "subscription_plan",
        "subscription_start_date",
        (pl.col("subscription_start_date").dt.year().cast(pl.String) + "-Q" + pl.col("subscription_start_date").dt.quarter().cast(pl.String)).alias("signup_quarter"),
        "is_active",
        unless_inferred(pl.coalesce(spend, median_fill(cleaned, "monthly_spend", ["subscription_plan"]))).alias("monthly_spend"),
        unless_inferred(spend.is_null()).alias("monthly_spend_was_imputed"),
        in_band.alias("is_spend_in_outlier_band"),
        mad_flagged.alias("is_spend_mad_flagged"),
        is_outlier.alias("is_spend_outlier"),
        "primary_device",
        unless_inferred(pl.coalesce(pl.col("household_size"), median_fill(cleaned, "household_size", [], "round"))).alias("household_size"),
        unless_inferred(pl.col("household_size").is_null()).alias("household_size_was_imputed"),
        "created_at",
        "created_date",
        "_line_number",
        "is_inferred",
    )


def movies(bronze: dict, spec_table: dict, settings: dict) -> pl.DataFrame:
    current = bronze["_versions"]["movies"][0]
    base = current.with_columns(pl.lit(False).alias("is_inferred"))
    extra = inferred(bronze, "movies", "movie_id", ["watch_history", "recommendation_logs", "reviews"], dict(base.schema))
    src = pl.concat([base, extra.with_columns(pl.lit(True).alias("is_inferred"))], how="diagonal_relaxed")
    is_movie = pl.col("content_type") == "Movie"
    is_series = pl.col("content_type").is_in(["TV Series", "Limited Series"])
    cleaned = src.with_columns(
        is_movie.alias("is_movie"),
        is_series.alias("is_series"),
        round_half_away(pl.col("duration_minutes")).alias("duration_minutes"),
        pl.col("imdb_rating").cast(pl.Float64),
        *[round_half_away(pl.col(c)).alias(c) for c in ("production_budget", "box_office_revenue", "number_of_seasons", "number_of_episodes")],
    )
    inf = pl.col("is_inferred")

    def unless_inferred(expr):
        return pl.when(inf).then(None).otherwise(expr)

    def fill_when(column, applies, groups, cast):
        missing = pl.col(column).is_null() & applies
        fill = median_fill(cleaned, column, groups, cast)
        return unless_inferred(pl.when(missing).then(fill).otherwise(pl.col(column))).alias(column), unless_inferred(missing).alias(
            f"{column}_was_imputed"
        )

    d = pl.col("duration_minutes")
    implausible = (d <= 0) | (pl.col("is_movie") & (d < settings["movieMinMinutes"])) | (d > plausible(spec_table, "duration_minutes", "max"))
    imdb = fill_when("imdb_rating", pl.lit(True), ["genre_primary"], None)
    budget = fill_when("production_budget", is_movie, ["content_type"], "round")
    revenue = fill_when("box_office_revenue", is_movie, ["content_type"], "round")
    seasons = fill_when("number_of_seasons", is_series, ["content_type"], "round")
    episodes = fill_when("number_of_episodes", is_series, ["content_type"], "round")
    return cleaned.select(
        "movie_id", "title", "content_type", "is_movie", "is_series", "genre_primary", "genre_secondary",
        unless_inferred(pl.col("genre_secondary").is_null()).alias("genre_secondary_is_missing"),
        "release_year", "duration_minutes", implausible.alias("is_duration_implausible"),
        "rating", "language", "country_of_origin",
        *imdb, *budget, *revenue, *seasons, *episodes,
        "is_netflix_original", "added_to_platform", "content_warning", "_line_number", "is_inferred",
    )  # fmt: skip


def watch_history(bronze: dict, movies_silver: pl.DataFrame, settings: dict) -> pl.DataFrame:
    current = bronze["_versions"]["watch_history"][0]
    titles = movies_silver.select("movie_id", pl.col("duration_minutes").alias("title_duration_minutes"), pl.col("added_to_platform").alias("title_added_date"))
    s = current.join(titles, on="movie_id", how="left")
    dur = pl.col("watch_duration_minutes")
    tdur = pl.col("title_duration_minutes")
    cleaned = s.with_columns(
        canonical_device("device_type").alias("device_type"),
        pl.col("quality").replace_strict(QUALITY_TIER, default=None, return_dtype=pl.String).alias("quality_tier"),
        pl.col("quality").replace_strict(QUALITY_RANK, default=None, return_dtype=pl.Int32).alias("quality_rank"),
        (dur > settings["bingeMinutes"]).fill_null(False).alias("is_binge"),
        (dur > settings["invalidDurationMinutes"]).fill_null(False).alias("is_invalid_duration"),
        ((tdur > 0) & (dur > settings["watchOverTitleMultiple"] * tdur)).fill_null(False).alias("is_watch_over_title_multiple"),
        ((pl.col("action") == "completed") & (pl.col("progress_percentage") < settings["completedMinProgress"])).fill_null(False).alias("is_progress_inconsistent"),
        (pl.col("watch_date") < pl.col("title_added_date")).fill_null(False).alias("is_before_title_added"),
    )
    from_progress = pl.col("progress_percentage") / 100.0 * pl.when(tdur != 0).then(tdur)
    filled = pl.coalesce(from_progress, median_fill(cleaned, "watch_duration_minutes", ["action", "device_type"]))
    return cleaned.select(
        "session_id", "user_id", "movie_id", "watch_date", "device_type",
        pl.when(dur.is_null()).then(filled).otherwise(dur).alias("watch_duration_minutes"),
        dur.is_null().alias("watch_duration_minutes_was_imputed"),
        "progress_percentage", pl.col("progress_percentage").is_null().alias("progress_percentage_is_missing"),
        "action", "quality", "quality_tier", "quality_rank", "location_country", "is_download", "user_rating",
        pl.col("user_rating").is_null().alias("user_rating_is_missing"),
        "title_duration_minutes", "title_added_date", "is_binge", "is_invalid_duration", "is_watch_over_title_multiple",
        "is_progress_inconsistent", "is_before_title_added", "_line_number",
    )  # fmt: skip


def recommendation_logs(bronze: dict) -> pl.DataFrame:
    current = bronze["_versions"]["recommendation_logs"][0]
    cleaned = current.with_columns(canonical_device("device_type").alias("device_type"))
    score = pl.col("recommendation_score")
    return cleaned.select(
        "recommendation_id", "user_id", "movie_id", "recommendation_date", "recommendation_type",
        pl.coalesce(score, median_fill(cleaned, "recommendation_score", ["recommendation_type"])).alias("recommendation_score"),
        score.is_null().alias("recommendation_score_was_imputed"),
        "was_clicked", "position_in_list", "device_type", "time_of_day",
        pl.col("algorithm_version").fill_null("unknown").alias("algorithm_version"),
        pl.col("algorithm_version").is_null().alias("algorithm_version_was_imputed"),
        "_line_number",
    )  # fmt: skip


def search_logs(bronze: dict) -> pl.DataFrame:
    current = bronze["_versions"]["search_logs"][0]
    pos = pl.col("clicked_result_position")
    cleaned = current.with_columns(
        pos.is_not_null().alias("clicked"),
        (pos > pl.col("results_returned")).fill_null(False).alias("is_click_beyond_results"),
        canonical_device("device_type").alias("device_type"),
    )
    d = pl.col("search_duration_seconds")
    return cleaned.select(
        "search_id", "user_id", "search_query", "search_date", "results_returned", "clicked_result_position", "clicked",
        "is_click_beyond_results", "device_type",
        pl.coalesce(d, median_fill(cleaned, "search_duration_seconds", ["device_type"])).alias("search_duration_seconds"),
        d.is_null().alias("search_duration_seconds_was_imputed"),
        "had_typo", "used_filters", "location_country", "_line_number",
    )  # fmt: skip


def reviews(bronze: dict) -> pl.DataFrame:
    current = bronze["_versions"]["reviews"][0]
    r = pl.col("rating")
    expected = pl.when(r <= 2).then(pl.lit("negative")).when(r == 3).then(pl.lit("neutral")).otherwise(pl.lit("positive"))
    cleaned = current.with_columns(
        canonical_device("device_type").alias("device_type"),
        round_half_away(pl.col("helpful_votes")).alias("helpful_votes"),
        round_half_away(pl.col("total_votes")).alias("total_votes"),
        (pl.col("sentiment") != expected).alias("is_sentiment_inconsistent"),
    )
    score = pl.col("sentiment_score")
    return cleaned.select(
        "review_id", "user_id", "movie_id", "rating", "review_date", "device_type", "is_verified_watch",
        "helpful_votes", pl.col("helpful_votes").is_null().alias("helpful_votes_is_missing"),
        "total_votes", pl.col("total_votes").is_null().alias("total_votes_is_missing"),
        "review_text", pl.col("review_text").is_null().alias("review_text_is_missing"),
        "sentiment",
        pl.coalesce(score, median_fill(cleaned, "sentiment_score", ["sentiment"])).alias("sentiment_score"),
        score.is_null().alias("sentiment_score_was_imputed"),
        "is_sentiment_inconsistent", "_line_number",
    )  # fmt: skip


def history(version_rows: pl.DataFrame, table: dict, key: bytes, loaded_at) -> pl.DataFrame:
    """Every version of every key (type-2): the first row of each version, with version, valid_from /
    valid_to (the load time here: files named without a month) and is_current; personal data pseudonymised."""
    pk = table["primaryKey"]
    starts = version_rows.filter(pl.col("_starts")).with_columns(pl.lit(loaded_at).alias("valid_from"))
    # The next version of the same key starts when this one ends (rows are in key, then version order).
    same_key_next = pl.col(pk) == pl.col(pk).shift(-1)
    starts = starts.with_columns(pl.when(same_key_next).then(pl.col("valid_from").shift(-1)).alias("valid_to"))
    columns = []
    for c in table["columns"]:
        if c.get("pii"):
            text = pl.col(c["name"]).str.strip_chars().str.to_lowercase() if c["name"] == "email" else pl.col(c["name"])
            columns.append(pseudonym(key, starts.select(text.alias(c["name"])).to_series()).alias(f"{c['name']}_pseudonym"))
        else:
            columns.append(pl.col(c["name"]))
    return starts.select(*columns, pl.col("_version").alias("version"), "valid_from", "valid_to", pl.col("_is_current").alias("is_current"), "_line_number")
