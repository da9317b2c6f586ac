"""Scan contact logs for harassment patterns (RULES 2.2 a, d; 10.3). Plain Python and DuckDB.

Three entry points share one pair of queries (see `queries`):

* `scan_file(path)` streams results from a CSV or Parquet file of any size, out of core;
* `scan_rows(rows)` scans an in-memory iterable of dicts or tuples (the incremental case);
* `scan_relation(relation)` scans a DuckDB relation on the caller's own connection.

Each yields or returns result dicts::

    {"caller": "S1" or None, "callee": "B1", "patterns": ["burst", ...],
     "first": "2026-03-01T22:10:00+08:00", "last": "...", "counts": {"burst": 6, ...}}

`caller` is None for `bombing`, which is per callee. `counts` holds the flagged patterns
only. Timestamps are ISO 8601 in the thresholds' time zone. Results come ordered by callee,
then caller (the callee's bombing record first).

Bad rows never stop a scan: each is passed to `on_bad_row({"line": N, "error": "..."})`
(by default written as a JSON line to standard error) and skipped. N is the CSV file's line
number (the header is line 1), or the 0-based row index for Parquet files, relations and rows.
"""

import csv
import heapq
import json
import mmap
import sys
import tempfile
import threading
from contextlib import ExitStack, closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pyarrow as pa

from .queries import PATTERN_ORDER, ContactFileError, bad_rows_sql, patterns_sql, sql_literal
from .thresholds import Thresholds

REQUIRED_COLUMNS = ("ts", "caller", "callee", "channel", "answered")
FETCH_BATCH = 10_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def report_to_stderr(bad_row):
    sys.stderr.write(json.dumps(bad_row, ensure_ascii=False) + "\n")


def scan_file(
    path,
    thresholds=None,
    *,
    file_format=None,
    on_bad_row=report_to_stderr,
    progress=None,
    threads=None,
    memory_limit=None,
    temp_directory=None,
):
    """Yield result dicts for the contacts in a CSV or Parquet file, in batches from DuckDB.

    `file_format` is "csv" or "parquet" (default: from the extension). `progress`, if given,
    is called as progress(stage, percent) with stage one of "checking rows",
    "scanning patterns", "writing results", "done" and percent DuckDB's estimate or None.
    `memory_limit` (e.g. "1GB") caps DuckDB's memory; beyond it DuckDB spills to
    `temp_directory` (default: a private temporary directory, removed afterwards), which
    keeps the footprint flat however large the file.
    """
    thresholds = thresholds or Thresholds()
    path = Path(path)
    file_format = file_format or _format_from_extension(path)
    if not path.is_file():
        raise ContactFileError(f"{path}: no such file")
    config = {}
    if threads:
        config["threads"] = int(threads)
    if memory_limit:
        config["memory_limit"] = str(memory_limit)
    # DuckDB's default spill directory is ".tmp" in the working directory.
    with ExitStack() as cleanup:
        config["temp_directory"] = str(
            temp_directory
            or cleanup.enter_context(tempfile.TemporaryDirectory(prefix="scan-contacts-"))
        )
        yield from _scan_file(path, file_format, config, thresholds, on_bad_row, progress)
    _notify(progress, "done", 100.0)


def _scan_file(path, file_format, config, thresholds, on_bad_row, progress):
    with closing(duckdb.connect(config=config)) as con:
        # DuckDB would draw its own bar on stdout, where the results go; keep only its
        # estimate, which `progress` receives.
        con.execute(f"SET enable_progress_bar = {progress is not None}")
        con.execute("SET enable_progress_bar_print = false")
        if file_format == "csv":
            column_types = _open_csv(con, path)
        elif file_format == "parquet":
            column_types = _open_parquet(con, path)
        else:
            raise ContactFileError(f"unknown format {file_format!r}: use csv or parquet")

        _notify(progress, "checking rows", None)
        if file_format == "csv":
            # Kept in a table: the reject table, complete only once the file has been read,
            # must be queried before the bad records are fetched.
            _run_with_progress(
                con,
                "CREATE TEMP TABLE bad_records AS " + bad_rows_sql("contacts_input", column_types),
                progress,
                "checking rows",
            )
            _report_csv_bad_rows(con, path, on_bad_row)
        else:
            bad_rows = _run_with_progress(
                con, bad_rows_sql("contacts_input", column_types), progress, "checking rows"
            )
            _report_bad_rows(bad_rows, on_bad_row)

        # The pattern query needs no input order, and DuckDB streams and spills more freely
        # without it; row numbers were only needed for the bad-row report above.
        con.execute("SET preserve_insertion_order = false")
        _notify(progress, "scanning patterns", None)
        cursor = _run_with_progress(
            con,
            patterns_sql("contacts_input", column_types, thresholds),
            progress,
            "scanning patterns",
        )
        _notify(progress, "writing results", None)
        for batch in iter(lambda: cursor.fetchmany(FETCH_BATCH), []):
            for row in batch:
                yield _result(row, thresholds)


def scan_rows(rows, thresholds=None, *, on_bad_row=report_to_stderr):
    """Scan an iterable of contacts held in memory; return the list of result dicts.

    A row is a mapping with the keys ts, caller, callee, channel, answered, or a sequence in
    that order. `ts` is an ISO 8601 string with offset or an aware datetime; `answered` is a
    bool or "true"/"false" (None or "" for SMS and IM). Bad rows are reported by their
    0-based position.
    """
    columns = {name: [] for name in REQUIRED_COLUMNS}
    for row in rows:
        values = (
            [row.get(name) for name in REQUIRED_COLUMNS]
            if hasattr(row, "get")
            else list(row) + [None] * (len(REQUIRED_COLUMNS) - len(row))
        )
        for name, value in zip(REQUIRED_COLUMNS, values, strict=False):
            columns[name].append(_as_text(value))
    table = pa.table({name: pa.array(values, pa.string()) for name, values in columns.items()})
    with closing(duckdb.connect()) as con:
        con.register("contacts_rows", table)
        source = "(SELECT row_number() OVER () - 1 AS row_ref, * FROM contacts_rows)"
        return _scan_in_connection(con.sql, source, _text_types(), thresholds, on_bad_row)


def scan_relation(relation, thresholds=None, *, on_bad_row=report_to_stderr):
    """Scan a DuckDB relation with the contact columns, on its own connection; return a list.

    Bad rows are reported by their 0-based position in the relation's order.
    """
    column_types = dict(zip(relation.columns, (str(t) for t in relation.types), strict=True))
    _check_columns(column_types, "relation")

    def run(sql):
        return relation.query("contacts_relation", sql)

    source = "(SELECT row_number() OVER () - 1 AS row_ref, * FROM contacts_relation)"
    return _scan_in_connection(run, source, column_types, thresholds, on_bad_row)


def _scan_in_connection(run, source, column_types, thresholds, on_bad_row):
    thresholds = thresholds or Thresholds()
    for row_ref, error in run(bad_rows_sql(source, column_types)).fetchall():
        on_bad_row({"line": row_ref, "error": error})
    rows = run(patterns_sql(source, column_types, thresholds)).fetchall()
    return [_result(row, thresholds) for row in rows]


def _format_from_extension(path):
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    raise ContactFileError(
        f"{path}: cannot tell the format from the extension; give csv or parquet"
    )


def _check_columns(column_types, where):
    missing = [name for name in REQUIRED_COLUMNS if name not in column_types]
    if missing:
        raise ContactFileError(f"{where}: missing column(s) {', '.join(missing)}")


def _text_types():
    return dict.fromkeys(REQUIRED_COLUMNS, "VARCHAR")


def _open_csv(con, path):
    """Define contacts_input over the CSV, every column text, rows numbered in file order."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError) as error:
        raise ContactFileError(f"{path}: cannot read the header: {error}") from None
    if len(set(header)) != len(header):
        raise ContactFileError(f"{path}: the header repeats a column name")
    _check_columns(header, str(path))
    # The dialect is fixed rather than sniffed: sniffing guesses wrong on the very files
    # that have bad rows. Rows with the wrong number of fields land in DuckDB's reject table.
    columns = "{" + ", ".join(f"{sql_literal(name)}: 'VARCHAR'" for name in header) + "}"
    con.execute(
        f"""CREATE TEMP VIEW contacts_input AS
        SELECT row_number() OVER () AS row_ref, *
        FROM read_csv({sql_literal(path)}, header = true, delim = ',', quote = '"',
                      escape = '"', auto_detect = false, columns = {columns},
                      store_rejects = true)"""
    )
    return _text_types()


def _open_parquet(con, path):
    try:
        described = con.execute(
            f"DESCRIBE SELECT * FROM read_parquet({sql_literal(path)})"
        ).fetchall()
    except duckdb.Error as error:
        raise ContactFileError(f"{path}: cannot read as Parquet: {error}") from None
    column_types = {name: column_type for name, column_type, *_ in described}
    _check_columns(column_types, str(path))
    con.execute(
        f"""CREATE TEMP VIEW contacts_input AS
        SELECT file_row_number AS row_ref, *
        FROM read_parquet({sql_literal(path)}, file_row_number = true)"""
    )
    return column_types


def _report_bad_rows(cursor, on_bad_row):
    for batch in iter(lambda: cursor.fetchmany(FETCH_BATCH), []):
        for row_ref, error in batch:
            on_bad_row({"line": row_ref, "error": error})


def _report_csv_bad_rows(con, path, on_bad_row):
    """Report bad records (table bad_records) and malformed lines together, in line order.

    DuckDB numbers the records it parsed (1, 2, ...); the file line of record r is the r-th
    line after the header that is neither blank nor a rejected malformed line. Both lists
    are in line order, so they merge as they stream.
    """
    rejected = con.execute(
        # DuckDB may log one line more than once (once per field it tried): keep one.
        """SELECT line, 'malformed CSV row: ' || rtrim(min(error_type || ': ' || error_message))
        FROM reject_errors GROUP BY line ORDER BY line"""
    ).fetchall()
    cursor = con.execute("SELECT row_ref, error FROM bad_records ORDER BY row_ref")
    first_batch = cursor.fetchmany(FETCH_BATCH)

    def bad_record_lines():
        skipped = sorted({1, *(line for line, _ in rejected), *_blank_lines(path)})
        position = 0  # how many skipped lines lie before the current record's line
        batch = first_batch
        while batch:
            for record, error in batch:
                line = record + position
                while position < len(skipped) and skipped[position] <= line:
                    position += 1
                    line = record + position
                yield line, error
            batch = cursor.fetchmany(FETCH_BATCH)

    records = bad_record_lines() if first_batch else ()
    for line, error in heapq.merge(rejected, records):
        on_bad_row({"line": line, "error": error})


def _blank_lines(path):
    """Line numbers of empty lines, which DuckDB skips without giving them a record number."""
    with open(path, "rb") as handle:
        if handle.seek(0, 2) == 0:
            return []
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            # Each hit is the newline that ends the line before a blank one.
            hits = []
            for pattern in (b"\n\n", b"\n\r\n"):
                start = 0
                while (found := data.find(pattern, start)) != -1:
                    hits.append(found)
                    start = found + 1
            blanks = []
            newlines = 0
            counted_to = 0
            for hit in sorted(hits):
                newlines += data[counted_to : hit + 1].count(b"\n")
                counted_to = hit + 1
                blanks.append(newlines + 1)
            return blanks


def _result(row, thresholds):
    caller, callee, patterns, counts, first_us, last_us = row
    zone = ZoneInfo(thresholds.timezone)
    by_pattern = dict(zip(patterns, counts, strict=True))
    return {
        "caller": caller,
        "callee": callee,
        "patterns": [p for p in PATTERN_ORDER if p in by_pattern],
        "first": _iso(first_us, zone),
        "last": _iso(last_us, zone),
        "counts": {p: by_pattern[p] for p in PATTERN_ORDER if p in by_pattern},
    }


def _iso(epoch_us, zone):
    return (_EPOCH + timedelta(microseconds=epoch_us)).astimezone(zone).isoformat()


def _as_text(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _notify(progress, stage, percent):
    if progress is not None:
        progress(stage, percent)


def _run_with_progress(con, sql, progress, stage):
    """Execute `sql` on `con`; meanwhile report DuckDB's own progress estimate every 0.5 s."""
    if progress is None:
        return con.execute(sql)
    finished = threading.Event()

    def poll():
        while not finished.wait(0.5):
            percent = con.query_progress()
            if percent >= 0:
                progress(stage, percent)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    try:
        return con.execute(sql)
    finally:
        finished.set()
        poller.join()
