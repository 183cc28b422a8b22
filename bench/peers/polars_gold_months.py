"""Monthly gold tables for the Polars peer: cohort retention, business KPIs by month, the churn and
MRR movements between users snapshots and the subscription KPIs at each snapshot (each users batch is a snapshot; the peer loads one batch per
table, so there is one snapshot, taken when the peer loaded the file)."""
import polars as pl

from polars_gold import COMPLETION, WATCH_HOURS
from polars_gold_segments import _round_half_away


def source_batches(bronze_rows: dict, loaded_at, names: list[str]) -> pl.DataFrame:
    """One row per source table and batch (one batch each here), effective when loaded (no month in the file names)."""
    return pl.DataFrame(
        {
            "dataset": names,
            "effective_at": [loaded_at] * len(names),
            "loaded_at": [loaded_at] * len(names),
            "row_count": [bronze_rows[n].height for n in names],
        }
    )


def cohort_retention(users: pl.DataFrame, sessions: pl.DataFrame) -> pl.DataFrame:
    cohorts = users.filter(~pl.col("is_inferred")).select("user_id", pl.col("subscription_start_date").dt.truncate("1mo").alias("cohort_month"))
    sizes = cohorts.group_by("cohort_month").agg(pl.len().alias("cohort_size"))
    activity = sessions.select("user_id", pl.col("watch_date").dt.truncate("1mo").alias("active_month")).unique()
    joined = cohorts.join(activity, on="user_id", how="inner").filter(pl.col("active_month") >= pl.col("cohort_month"))
    months = 12 * (pl.col("active_month").dt.year() - pl.col("cohort_month").dt.year()) + pl.col("active_month").dt.month().cast(pl.Int32) - pl.col(
        "cohort_month"
    ).dt.month().cast(pl.Int32)
    retained = joined.group_by("cohort_month", months.cast(pl.Int32).alias("months_since_start")).agg(pl.col("user_id").n_unique().alias("retained_accounts"))
    r = retained.join(sizes, on="cohort_month", how="inner")
    return r.select(
        "cohort_month", "months_since_start", "cohort_size", "retained_accounts", (pl.col("retained_accounts").cast(pl.Float64) / pl.col("cohort_size")).alias("retention_rate")
    )


def business_by_month(sessions: pl.DataFrame, users: pl.DataFrame) -> pl.DataFrame:
    month = pl.col("watch_date").dt.truncate("1mo").alias("month")
    monthly = sessions.group_by(month).agg(
        pl.col("user_id").n_unique().alias("mau"), pl.len().alias("sessions"), WATCH_HOURS.alias("watch_hours"), COMPLETION.alias("completion_rate")
    )
    daily = sessions.group_by("watch_date").agg(pl.col("user_id").n_unique().alias("dau"))
    dau = daily.group_by(month).agg(pl.col("dau").mean().alias("avg_dau"))
    signups = users.group_by(pl.col("subscription_start_date").dt.truncate("1mo").alias("month")).agg(pl.len().alias("new_subscriptions"))
    j = monthly.join(dau, on="month", how="inner").join(signups, on="month", how="left")
    return j.select(
        "month", "mau", "avg_dau", (pl.col("avg_dau") / pl.when(pl.col("mau") != 0).then(pl.col("mau"))).alias("stickiness"),
        "sessions", "watch_hours", "completion_rate", pl.col("new_subscriptions").fill_null(0),
    )  # fmt: skip


def _states(users_history: pl.DataFrame, batches: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(snapshots numbered in time order, each snapshot's version of every account valid at it)."""
    snapshots = (
        batches.filter(pl.col("dataset") == "users").select(pl.col("effective_at").alias("snapshot_at")).unique().sort("snapshot_at").with_row_index("snapshot_no", offset=1)
    )
    snapshots = snapshots.with_columns(pl.col("snapshot_no").cast(pl.Int64))
    states = snapshots.join(users_history, how="cross").filter(
        (pl.col("valid_from") <= pl.col("snapshot_at")) & (pl.col("valid_to").is_null() | (pl.col("valid_to") > pl.col("snapshot_at")))
    )
    return snapshots, states


def _with_previous(states: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    prev = states.select("user_id", (pl.col("snapshot_no") + 1).alias("snapshot_no"), *[pl.col(c).alias(f"prev_{c}") for c in columns], pl.lit(True).alias("was_present"))
    return states.join(prev, on=["user_id", "snapshot_no"], how="left").with_columns(pl.col("was_present").fill_null(False))


def churn_by_month(users_history: pl.DataFrame, batches: pl.DataFrame) -> pl.DataFrame:
    snapshots, states = _states(users_history, batches)
    t = _with_previous(states, ["is_active"]).with_columns(pl.col("prev_is_active").fill_null(False).alias("was_active"))
    later = pl.col("snapshot_no") > 1
    count = lambda e: e.cast(pl.Int64).sum()  # noqa: E731
    was, now = pl.col("was_active"), pl.col("is_active")
    g = t.group_by("snapshot_no", "snapshot_at").agg(
        pl.len().alias("accounts"),
        count(now).alias("active_accounts"),
        count(was).alias("_was"),
        count(was & ~now).alias("_churned"),
        count(pl.col("was_present") & ~was & now).alias("_reactivated"),
        count(~pl.col("was_present")).alias("_new"),
    )
    return g.select(
        pl.col("snapshot_at").dt.date().dt.truncate("1mo").alias("snapshot_month"), "snapshot_at", "snapshot_no", "accounts", "active_accounts",
        pl.when(later).then(pl.col("_was")).alias("active_at_previous"),
        pl.when(later).then(pl.col("_churned")).alias("churned"),
        pl.when(later).then(pl.col("_reactivated")).alias("reactivated"),
        pl.when(later).then(pl.col("_new")).alias("new_accounts"),
        pl.when(later).then(pl.col("_churned").cast(pl.Float64) / pl.when(pl.col("_was") != 0).then(pl.col("_was"))).alias("monthly_churn_rate"),
    )  # fmt: skip


def mrr_movement_by_month(users_history: pl.DataFrame, batches: pl.DataFrame, spend_band: float) -> pl.DataFrame:
    snapshots, states = _states(users_history, batches)
    spend = pl.col("monthly_spend")
    states = states.with_columns(pl.when(pl.col("is_active") & spend.is_not_null() & (spend < spend_band)).then(spend).otherwise(0.0).alias("mrr"))
    t = _with_previous(states, ["mrr"]).with_columns(pl.col("prev_mrr").fill_null(0.0).alias("before"), pl.col("mrr").alias("now"))
    b, n = pl.col("before"), pl.col("now")
    new, expanded, contracted, churned = (b == 0) & (n > 0), (b > 0) & (n > b), (b > 0) & (n > 0) & (n < b), (b > 0) & (n == 0)
    money = lambda cond, value: pl.when(cond).then(value).otherwise(0.0).sum()  # noqa: E731
    g = t.group_by("snapshot_no", "snapshot_at").agg(
        b.sum().alias("mrr_start"), money(new, n).alias("new_mrr"), money(expanded, n - b).alias("expansion_mrr"),
        money(contracted, b - n).alias("contraction_mrr"), money(churned, b).alias("churned_mrr"), n.sum().alias("mrr_end"),
        (n - b).sum().alias("net_mrr_movement"),
        *[c.cast(pl.Int64).sum().alias(name) for name, c in (("accounts_new", new), ("accounts_expanded", expanded), ("accounts_contracted", contracted), ("accounts_churned", churned))],
    )  # fmt: skip
    later = pl.col("snapshot_no") > 1
    r2 = lambda c: _round_half_away(pl.col(c), 2)  # noqa: E731
    return g.select(
        pl.col("snapshot_at").dt.date().dt.truncate("1mo").alias("snapshot_month"), "snapshot_at", "snapshot_no",
        *[pl.when(later).then(r2(c)).alias(c) for c in ("mrr_start", "new_mrr", "expansion_mrr", "contraction_mrr", "churned_mrr")],
        r2("mrr_end").alias("mrr_end"),
        pl.when(later).then(r2("net_mrr_movement")).alias("net_mrr_movement"),
        *[pl.when(later).then(pl.col(c)).alias(c) for c in ("accounts_new", "accounts_expanded", "accounts_contracted", "accounts_churned")],
    )  # fmt: skip


def subscriptions_by_export(users_history: pl.DataFrame, batches: pl.DataFrame, spend_band: float) -> pl.DataFrame:
    """Active subscribers, churn rate and MRR of the account versions valid at each users snapshot (spend as exported)."""
    snapshots, states = _states(users_history, batches)
    active = pl.col("is_active").fill_null(False)
    spend = pl.col("monthly_spend")
    counted = active & ~(spend >= spend_band).fill_null(False)
    g = states.group_by("snapshot_no", "snapshot_at").agg(
        active.cast(pl.Int64).sum().alias("active_subscribers"),
        pl.when(active).then(0.0).otherwise(1.0).mean().alias("churn_rate"),
        # SQL's sum skips a blank spend and is blank when every counted spend is blank.
        pl.when(counted).then(spend).otherwise(0.0).sum().alias("_mrr"),
        pl.when(counted).then(spend).otherwise(0.0).count().alias("_n"),
    )
    return g.select(
        pl.col("snapshot_at").dt.date().dt.truncate("1mo").alias("snapshot_month"), "snapshot_at", "snapshot_no",
        "active_subscribers", "churn_rate", pl.when(pl.col("_n") > 0).then(pl.col("_mrr")).alias("mrr"),
    )  # fmt: skip
