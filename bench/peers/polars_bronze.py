"""Bronze for the Polars peer: each source CSV read as text, every field typed strictly against its
contract (the same spellings Marquee accepts), and rows that do not type, or type outside the
contract's hard range, set aside with a reason code naming the first failing column.

The contract facts (types, spellings, ranges, key formats) come from the spec file Marquee writes
(bench/lib/peer-spec.ts); the typing rules themselves are written here, independently.
"""
import csv
import io
import os

import polars as pl

# Strict spellings (anchored): a value must look like its type before it is cast.
WHOLE_NUMBER = r"^[+-]?[0-9]+(\.0*)?$"
DECIMAL = r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
TIMESTAMP = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?$"

TYPING_REASON = {"integer": "BAD_INTEGER", "float": "BAD_FLOAT", "boolean": "BAD_BOOLEAN", "date": "BAD_DATE", "timestamp": "BAD_TIMESTAMP"}


def _typed(column: dict) -> pl.Expr:
    """The column's typed value from its text; null when the text does not type."""
    raw = pl.col(column["name"])
    kind = column["type"]
    if kind == "string":
        if column.get("keyPattern"):
            key = raw.str.strip_chars(" ")
            return pl.when(key.str.contains(column["keyPattern"])).then(key)
        return raw
    if kind == "integer":
        number = pl.when(raw.str.contains(WHOLE_NUMBER)).then(raw.cast(pl.Float64, strict=False))
        return number if column.get("text") == "float-text" else number.cast(pl.Int64, strict=False)
    if kind == "float":
        return pl.when(raw.str.contains(DECIMAL)).then(raw.cast(pl.Float64, strict=False))
    if kind == "boolean":
        lower = raw.str.to_lowercase()
        return pl.when(lower == "true").then(True).when(lower == "false").then(False)
    if kind == "date":
        return pl.when(raw.str.contains(DATE)).then(raw.str.to_date("%Y-%m-%d", strict=False))
    if kind == "timestamp":
        text = raw.str.replace("T", " ", literal=True)
        return pl.when(raw.str.contains(TIMESTAMP)).then(text.str.to_datetime("%Y-%m-%d %H:%M:%S%.f", strict=False, time_unit="us"))
    raise ValueError(f"column {column['name']}: unknown type {kind}")


def _bound(column: dict, value) -> pl.Expr:
    if column["type"] == "date":
        return pl.lit(value).str.to_date("%Y-%m-%d")
    if column["type"] == "timestamp":
        return pl.lit(value).str.to_datetime("%Y-%m-%d %H:%M:%S%.f", time_unit="us") if "." in value or ":" in value else pl.lit(value).str.to_datetime("%Y-%m-%d", time_unit="us")
    return pl.lit(value)


def _reason(columns: list[dict]) -> pl.Expr:
    """Reason code of a row: the first column whose text does not type, else the first typed value out of range."""
    arms = []
    for c in columns:
        if c["type"] == "string" and not c.get("keyPattern"):
            continue
        failed = pl.col(c["name"]).is_not_null() & pl.col(f"t__{c['name']}").is_null()
        arms.append((failed, "BAD_KEY" if c["type"] == "string" else TYPING_REASON[c["type"]]))
    for c in columns:
        rng = c.get("range")
        if not rng or c["type"] in ("string", "boolean"):
            continue
        typed = pl.col(f"t__{c['name']}")
        parts = []
        if rng.get("min") is not None:
            parts.append(typed < _bound(c, rng["min"]))
        if rng.get("max") is not None:
            parts.append(typed > _bound(c, rng["max"]))
        if parts:
            out = parts[0] if len(parts) == 1 else parts[0] | parts[1]
            arms.append((out.fill_null(False), "OUT_OF_RANGE"))
    if not arms:
        return pl.lit(None, dtype=pl.String)
    expr = pl.when(arms[0][0]).then(pl.lit(arms[0][1]))
    for cond, code in arms[1:]:
        expr = expr.when(cond).then(pl.lit(code))
    return expr.otherwise(pl.lit(None, dtype=pl.String))


def _split_lines(raw: bytes, width: int) -> tuple[bytes, list[int], list[tuple[int, str]]]:
    """Slow path, only for a file the strict reader refused or miscounted: every non-blank data line on
    its own. Returns (header + good lines as one CSV, their line numbers, (line, reason) of the rest)."""
    lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    good, numbers, bad = [lines[0]], [], []
    for number, line in enumerate(lines[1:], start=2):
        text = line.rstrip(b"\r")
        if not text.strip():
            continue  # blank lines are not records
        try:
            decoded = text.decode("utf-8")
        except UnicodeDecodeError:
            bad.append((number, "BAD_ENCODING"))
            continue
        if decoded.count('"') % 2 == 1:
            bad.append((number, "BAD_QUOTING"))
            continue
        if len(next(csv.reader([decoded]))) != width:
            bad.append((number, "FIELD_COUNT"))
            continue
        good.append(text)
        numbers.append(number)
    return b"\n".join(good) + b"\n", numbers, bad


def load_table(input_dir: str, table: dict) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """(typed rows, quarantined rows, data lines read) of one source table's `<table>.csv`."""
    path = os.path.join(input_dir, table["file"])
    columns = table["columns"]
    expected = [c["name"] for c in columns]
    with open(path, "rb") as f:
        raw = f.read()
    line_count = raw.count(b"\n") + (1 if raw and not raw.endswith(b"\n") else 0)
    structural: list[tuple[int, str]] = []
    text = None
    if b"\n\n" not in raw and b"\n\r\n" not in raw:
        try:
            text = pl.read_csv(io.BytesIO(raw), infer_schema=False, raise_if_empty=False)
            # A stray quote can swallow line breaks: then the records no longer match the lines.
            if text.height != line_count - 1:
                text = None
            else:
                text = text.with_row_index("_line_number", offset=2)
        except (pl.exceptions.ComputeError, pl.exceptions.NoDataError):
            text = None
    if text is None:
        clean, numbers, structural = _split_lines(raw, len(expected))
        text = pl.read_csv(io.BytesIO(clean), infer_schema=False, raise_if_empty=False)
        text = text.with_columns(pl.Series("_line_number", numbers, dtype=pl.Int64)).select("_line_number", *text.columns)
    if text.columns[1:] != expected:
        raise SystemExit(f"{path}: header is {text.columns[1:]}, expected {expected}")
    typed = text.with_columns([_typed(c).alias(f"t__{c['name']}") for c in columns]).with_columns(_reason(columns).alias("_reason"))
    # Keys enter the hash trimmed (as stored); other fields as written: equal rows have equal hashes.
    hashed = [pl.col(f"t__{c['name']}") if c.get("keyPattern") else pl.col(c["name"]) for c in columns]
    row_hash = pl.concat_str([h.cast(pl.String).fill_null("\x1e") for h in hashed], separator="\x1f").hash(seed=0)
    typed = typed.with_columns(row_hash.alias("_row_hash"), pl.col("_line_number").cast(pl.Int64))
    good = typed.filter(pl.col("_reason").is_null()).select(
        [pl.col(f"t__{c['name']}").alias(c["name"]) for c in columns] + [pl.col("_line_number"), pl.col("_row_hash")]
    )
    bad = typed.filter(pl.col("_reason").is_not_null()).select(pl.col("_line_number").alias("line_number"), pl.col("_reason").alias("reason_code"))
    if structural:
        rejected = pl.DataFrame(structural, schema={"line_number": pl.Int64, "reason_code": pl.String}, orient="row")
        bad = pl.concat([bad, rejected]).sort("line_number")
    return good, bad, text.height + len(structural)
