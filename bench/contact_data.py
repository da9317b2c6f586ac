"""Deterministic synthetic contact logs for the scanner benchmark, generated inside DuckDB.

Most contacts are scattered over 30 days between random seller/buyer pairs (so few pairs
repeat); a small share are planted harassment episodes so every pattern has work to do:
blocks of 8 contacts 5 minutes apart for one pair (burst, mostly unanswered calls, some at
night) and blocks of 12 callers ringing one buyer within an hour (bombing). About 1 row in
20,000 is malformed, so validation is on the measured path too.
"""

import duckdb

GENERATE_SQL = """
COPY (
    WITH numbered AS (
        SELECT i, hash(i, {seed}) AS h1, hash(i, {seed} + 1) AS h2, hash(i, {seed} + 2) AS h3
        FROM range({rows}) t(i)
    ),
    shaped AS (
        SELECT
            i, h3,
            CASE
                WHEN (i // 8) % 200 = 0 THEN 'episode'
                WHEN (i // 12) % 1000 = 7 THEN 'bombing'
                ELSE 'scatter'
            END AS kind,
            h1, h2
        FROM numbered
    ),
    placed AS (
        SELECT
            i, h3, kind,
            CASE kind
                WHEN 'episode' THEN 'S' || (hash(i // 8, {seed}) % 20000)
                WHEN 'bombing' THEN 'S' || (h2 % 20000)
                ELSE 'S' || (h2 % 20000)
            END AS caller,
            CASE kind
                WHEN 'episode' THEN 'B' || (hash(i // 8, {seed} + 5) % {buyers})
                WHEN 'bombing' THEN 'B' || (hash(i // 12, {seed} + 6) % {buyers})
                ELSE 'B' || (h1 % {buyers})
            END AS callee,
            TIMESTAMPTZ '2026-03-01 00:00:00+00' + to_microseconds(CAST(CASE kind
                WHEN 'episode' THEN (hash(i // 8, {seed} + 7) % 2592000000) + (i % 8) * 300000
                WHEN 'bombing' THEN (hash(i // 12, {seed} + 8) % 2592000000) + (i % 12) * 240000
                ELSE h1 % 2592000000
            END AS BIGINT) * 1000) AS ts
        FROM shaped
    )
    SELECT
        CASE
            WHEN h3 % 20000 = 1 THEN 'not a time'
            WHEN h3 % 7 = 0 THEN strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S') || 'Z'
            ELSE strftime(ts AT TIME ZONE 'Asia/Shanghai', '%Y-%m-%dT%H:%M:%S') || '+08:00'
        END AS ts,
        CASE WHEN h3 % 20000 = 2 THEN '' ELSE caller END AS caller,
        callee,
        CASE
            WHEN h3 % 20000 = 3 THEN 'fax'
            WHEN kind = 'episode' OR h3 % 10 < 6 THEN 'call'
            WHEN h3 % 10 < 9 THEN 'sms'
            ELSE 'im'
        END AS channel,
        CASE
            WHEN h3 % 20000 = 4 THEN 'maybe'
            WHEN kind = 'episode' OR h3 % 10 < 6 THEN
                CASE WHEN (kind = 'episode' AND h3 % 10 < 8) OR h3 % 10 < 2 THEN 'false' ELSE 'true' END
            ELSE ''
        END AS answered
    FROM placed
) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 122880)
"""


def generate(path, rows, seed=20260301):
    """Write `rows` synthetic contacts to the Parquet file `path` (all columns VARCHAR, as in CSV)."""
    con = duckdb.connect()
    con.execute(
        GENERATE_SQL.format(seed=seed, rows=int(rows), buyers=max(rows // 10, 100), path=path)
    )
    con.close()
