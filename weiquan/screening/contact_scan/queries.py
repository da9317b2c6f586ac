"""The SQL of the contact-log scanner: row validation, then the patterns, set-based in DuckDB.

Both queries read `source`, a table, view or subquery with VARCHAR (or already typed)
columns ts, caller, callee, channel, answered and, for the bad-row report, `row_ref` (the
line or row index reported back).

Semantics, in one place (the tests pin each edge):

* Windows are closed: contacts "within 60 minutes" are at most 60 minutes apart, so contacts
  at 10:00 and 11:00 share a window and 10:00 and 11:00:00.000001 do not. Windows slide: any
  window counts, not clock hours. Time is the instant in `ts` (its offset applied).
* burst: max contacts (any channel) from caller to callee in one window of burst_minutes.
* night: contacts whose local time of day in the callee's zone is in [night_start, night_end)
  (wrapping midnight); max such contacts in one window of night_days.
* unanswered_redial: calls (channel "call") from caller to callee with answered=false and no
  answered call between them; SMS and IM neither count nor break the run. The count is the
  most such calls of one run inside one window of redial_minutes. An answered and an
  unanswered call at the same instant: the answered one is taken to come first.
* bombing: per callee, max distinct callers (any channel) with a contact in one window of
  bombing_minutes.
* first / last: the earliest and latest contact of all windows that reach the threshold,
  over every flagged pattern of the record.
"""


class ContactFileError(ValueError):
    """The input as a whole cannot be scanned: missing columns, unknown format, unreadable."""


ISO_8601_WITH_OFFSET = (
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)"
)
CHANNELS = ("call", "sms", "im")
PATTERN_ORDER = ("burst", "night", "unanswered_redial", "bombing")


def sql_literal(text):
    return "'" + str(text).replace("'", "''") + "'"


def checked_sql(source, column_types, row_ref=False):
    """Subquery of the typed contacts (ts, caller, callee, channel, answered) and `error`.

    `error` is NULL for a good row, else why it is bad. `column_types` maps each required
    column to its DuckDB type name, so typed Parquet columns (TIMESTAMP WITH TIME ZONE,
    BOOLEAN) are used as they are instead of being printed and parsed again. Each value is
    parsed once, in the inner SELECT; the checks read the parsed values.
    """
    ts_type = column_types["ts"]
    if ts_type == "VARCHAR":
        ts_text, ts_value = "ts", "TRY_CAST(ts AS TIMESTAMPTZ)"
        ts_error = f"""
            WHEN ts_text IS NULL OR trim(ts_text) = '' THEN 'missing ts'
            WHEN ts IS NULL OR NOT regexp_full_match(ts_text, {sql_literal(ISO_8601_WITH_OFFSET)})
                THEN 'ts is not ISO 8601 with a UTC offset: ' || left(ts_text, 40)"""
    elif ts_type == "TIMESTAMP WITH TIME ZONE":
        ts_text, ts_value = "NULL", "ts"
        ts_error = "WHEN ts IS NULL THEN 'missing ts'"
    else:
        raise ContactFileError(
            f"column ts has type {ts_type}; it must be text in ISO 8601 with an offset "
            "or TIMESTAMP WITH TIME ZONE (a time without offset is ambiguous)"
        )
    if column_types["answered"] == "BOOLEAN":
        answered_value = "answered"
    else:
        answered_value = "CASE lower(trim(CAST(answered AS VARCHAR))) WHEN 'true' THEN true WHEN 'false' THEN false END"
    channel_list = ", ".join(sql_literal(c) for c in CHANNELS)
    ref = "row_ref, " if row_ref else ""
    return f"""(
    SELECT {ref}ts, caller, callee, channel, answered,
        CASE
            {ts_error}
            WHEN caller IS NULL OR trim(caller) = '' THEN 'missing caller'
            WHEN callee IS NULL OR trim(callee) = '' THEN 'missing callee'
            WHEN channel IS NULL OR channel NOT IN ({channel_list})
                THEN 'unknown channel: ' || left(coalesce(channel, ''), 40)
            WHEN channel = 'call' AND answered IS NULL
                THEN 'a call needs answered true or false'
                    || coalesce(', not: ' || left(nullif(trim(answered_text), ''), 40), '')
            WHEN answered IS NULL AND coalesce(trim(answered_text), '') <> ''
                THEN 'answered must be true, false or empty, not: ' || left(answered_text, 40)
        END AS error
    FROM (
        SELECT {ref}{ts_text} AS ts_text, {ts_value} AS ts,
            CAST(caller AS VARCHAR) AS caller, CAST(callee AS VARCHAR) AS callee,
            CAST(channel AS VARCHAR) AS channel,
            CAST(answered AS VARCHAR) AS answered_text, {answered_value} AS answered
        FROM {source}
    ))"""


def bad_rows_sql(source, column_types):
    return f"""
        SELECT row_ref, error FROM {checked_sql(source, column_types, row_ref=True)}
        WHERE error IS NOT NULL ORDER BY row_ref"""


def _night_predicate(thresholds):
    start, end = (sql_literal(t) for t in (thresholds.night_start, thresholds.night_end))
    local_time = f"CAST(timezone({sql_literal(thresholds.timezone)}, ts) AS TIME)"
    joiner = "OR" if thresholds.night_start > thresholds.night_end else "AND"
    return f"({local_time} >= TIME {start} {joiner} {local_time} < TIME {end})"


def _minutes(n):
    return f"INTERVAL {int(n)} MINUTE"


def patterns_sql(source, column_types, thresholds):
    """One row per flagged (caller, callee) or (NULL, callee): patterns, counts, first, last.

    One sort by (caller, callee, ts) over every contact gives burst, the answered-call
    count that numbers redial runs, and the presence spans for bombing; smaller sorts take
    only night contacts (night) and only unanswered calls (redial, by run); one sort by
    (callee, ts) gives bombing. Each pattern reads the frame size and first row of a window
    (O(1) per row) rather than a filtered aggregate over it.

    Distinct callers per window come from presence spans instead of COUNT(DISTINCT) over a
    sliding frame: a caller's contacts to a callee at most one window apart form one span;
    the callers present in the window ending at t are the spans opened by t less those whose
    last contact lies more than one window before t.
    """
    t = thresholds
    pair = "PARTITION BY caller, callee ORDER BY ts"
    bombing_window = _minutes(t.bombing_minutes)
    # Hours, not days: with time zones, DuckDB adds days on the calendar of the session's
    # zone, where a day across a DST change is 23 or 25 hours.
    night_window = f"INTERVAL {int(t.night_days) * 24} HOUR"
    # Timestamps are whole microseconds, so this frame ends just before the window opens.
    just_outside_bombing = f"INTERVAL {int(t.bombing_minutes) * 60_000_000 + 1} MICROSECOND"
    return f"""
    WITH good AS (
        -- Only what the windows need: every column here is carried through each sort.
        SELECT ts, caller, callee, {_night_predicate(t)} AS is_night,
            coalesce(channel = 'call' AND answered, false) AS answered_call,
            coalesce(channel = 'call' AND NOT answered, false) AS unanswered_call
        FROM {checked_sql(source, column_types)}
        WHERE error IS NULL
    ),
    by_pair AS (
        SELECT *,
            count(*) OVER burst_window AS burst_n,
            first_value(ts) OVER burst_window AS burst_from,
            count(*) FILTER (WHERE answered_call) OVER (
                {pair} RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS answered_before,
            coalesce(ts - lag(ts) OVER ({pair}) > {bombing_window}, true) AS opens_span,
            coalesce(lead(ts) OVER ({pair}) - ts > {bombing_window}, true) AS closes_span
        FROM good
        WINDOW
            burst_window AS ({pair} RANGE BETWEEN {_minutes(t.burst_minutes)} PRECEDING AND CURRENT ROW)
    ),
    nights AS (
        SELECT caller, callee, ts,
            count(*) OVER night_window AS night_n,
            first_value(ts) OVER night_window AS night_from
        FROM by_pair WHERE is_night
        WINDOW night_window AS ({pair} RANGE BETWEEN {night_window} PRECEDING AND CURRENT ROW)
    ),
    redials AS (
        SELECT caller, callee, ts,
            count(*) OVER run_window AS redial_n,
            first_value(ts) OVER run_window AS redial_from
        FROM by_pair WHERE unanswered_call
        WINDOW run_window AS (
            PARTITION BY caller, callee, answered_before ORDER BY ts
            RANGE BETWEEN {_minutes(t.redial_minutes)} PRECEDING AND CURRENT ROW)
    ),
    by_callee AS (
        SELECT callee, ts,
            sum(opens_span::INTEGER) OVER (
                PARTITION BY callee ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            - coalesce(sum(closes_span::INTEGER) OVER (
                PARTITION BY callee ORDER BY ts
                RANGE BETWEEN UNBOUNDED PRECEDING AND {just_outside_bombing} PRECEDING
            ), 0) AS bombing_n,
            first_value(ts) OVER (
                PARTITION BY callee ORDER BY ts
                RANGE BETWEEN {bombing_window} PRECEDING AND CURRENT ROW) AS bombing_from
        FROM by_pair
    ),
    hits AS (
        SELECT caller, callee, 1 AS rank, 'burst' AS pattern,
               max(burst_n) AS n, min(burst_from) AS first, max(ts) AS last
        FROM by_pair WHERE burst_n >= {int(t.burst_count)} GROUP BY caller, callee
        UNION ALL
        SELECT caller, callee, 2, 'night', max(night_n), min(night_from), max(ts)
        FROM nights WHERE night_n >= {int(t.night_count)} GROUP BY caller, callee
        UNION ALL
        SELECT caller, callee, 3, 'unanswered_redial', max(redial_n), min(redial_from), max(ts)
        FROM redials WHERE redial_n >= {int(t.redial_count)} GROUP BY caller, callee
        UNION ALL
        SELECT NULL, callee, 4, 'bombing', max(bombing_n), min(bombing_from), max(ts)
        FROM by_callee WHERE bombing_n >= {int(t.bombing_callers)} GROUP BY callee
    )
    SELECT caller, callee,
           list(pattern ORDER BY rank) AS patterns,
           list(n ORDER BY rank) AS counts,
           epoch_us(min(first)) AS first_us,
           epoch_us(max(last)) AS last_us
    FROM hits
    GROUP BY caller, callee
    ORDER BY callee, caller NULLS FIRST
    """
