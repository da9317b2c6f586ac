"""Inputs of the contact-log scanner: files, relations, bad rows, thresholds data (RULES 7.1)."""

from datetime import UTC, datetime

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from weiquan.screening.contact_scan import (
    ContactFileError,
    Thresholds,
    ThresholdsError,
    scan_file,
    scan_relation,
    scan_rows,
)

HEADER = "ts,caller,callee,channel,answered\n"
BURST = [f"2026-03-02T10:0{m}:00+08:00,S1,B1,sms,\n" for m in range(5)]
BURST_RESULT = {
    "caller": "S1",
    "callee": "B1",
    "patterns": ["burst"],
    "first": "2026-03-02T10:00:00+08:00",
    "last": "2026-03-02T10:04:00+08:00",
    "counts": {"burst": 5},
}


def write_csv(tmp_path, lines, name="contacts.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def scan_collecting(path, **options):
    bad_rows = []
    results = list(scan_file(path, on_bad_row=bad_rows.append, **options))
    return results, bad_rows


def test_csv_bad_rows_are_reported_with_their_line_and_skipped(tmp_path):
    """Each kind of bad row, between good ones; the burst survives them (line 1 is the header)."""
    lines = [
        BURST[0],  # 2
        "yesterday,S1,B1,sms,\n",  # 3
        "2026-03-02T10:00:30,S1,B1,sms,\n",  # 4: no offset
        "2026-03-02T10:00:40+08:00,,B1,sms,\n",  # 5
        "2026-03-02T10:00:50+08:00,S1,,sms,\n",  # 6
        BURST[1],  # 7
        "2026-03-02T10:01:10+08:00,S1,B1,fax,\n",  # 8
        "2026-03-02T10:01:20+08:00,S1,B1,call,\n",  # 9: a call must say
        "2026-03-02T10:01:30+08:00,S1,B1,call,maybe\n",  # 10
        "2026-03-02T10:01:40+08:00,S1,B1,sms,perhaps\n",  # 11
        BURST[2],  # 12
        "\n",  # 13: blank, skipped silently
        "2026-03-02T10:02:10+08:00,S1,B1,sms,,surplus\n",  # 14: malformed
        BURST[3],  # 15
        "2026-03-02T10:02:20+08:00,S1,B1\n",  # 16: malformed
        BURST[4],  # 17
        "2026-03-02T10:03:30+08:00,S1,B1,call,FALSE\n",  # 18: fine, case aside
    ]
    results, bad_rows = scan_collecting(write_csv(tmp_path, lines))
    assert [row["line"] for row in bad_rows] == [3, 4, 5, 6, 8, 9, 10, 11, 14, 16]
    errors = {row["line"]: row["error"] for row in bad_rows}
    assert errors[3] == "ts is not ISO 8601 with a UTC offset: yesterday"
    assert errors[4].startswith("ts is not ISO 8601 with a UTC offset")
    assert errors[5] == "missing caller"
    assert errors[6] == "missing callee"
    assert errors[8] == "unknown channel: fax"
    assert errors[9] == "a call needs answered true or false"
    assert errors[10] == "a call needs answered true or false, not: maybe"
    assert errors[11] == "answered must be true, false or empty, not: perhaps"
    assert (
        errors[14] == "malformed CSV row: TOO MANY COLUMNS: Expected Number of Columns: 5 Found: 6"
    )
    assert (
        errors[16] == "malformed CSV row: MISSING COLUMNS: Expected Number of Columns: 5 Found: 3"
    )
    assert results == [
        {**BURST_RESULT, "last": "2026-03-02T10:04:00+08:00", "counts": {"burst": 6}}
    ]


def test_csv_line_numbers_survive_crlf_and_runs_of_blank_lines(tmp_path):
    path = tmp_path / "windows.csv"
    lines = [
        HEADER.strip(),  # 1
        "",  # 2
        "2026-03-02T10:02:10+08:00,S1,B1,sms,,surplus",  # 3
        "bad,S1,B1,sms,",  # 4
        "",  # 5
        "",  # 6
        "bad2,S1,B1,sms,",  # 7
        "2026-03-02T10:02:20+08:00,S1,B1",  # 8
        "bad3,S1,B1,sms,",  # 9
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    _, bad_rows = scan_collecting(path)
    assert [row["line"] for row in bad_rows] == [3, 4, 7, 8, 9]


def test_bad_rows_go_to_standard_error_by_default(tmp_path, capsys):
    list(scan_file(write_csv(tmp_path, ["nonsense,S1,B1,sms,\n"])))
    assert capsys.readouterr().err == (
        '{"line": 2, "error": "ts is not ISO 8601 with a UTC offset: nonsense"}\n'
    )


def test_csv_with_columns_in_another_order_and_extra_columns(tmp_path):
    path = tmp_path / "reordered.csv"
    body = "".join(f"B1,note,S1,sms,{line.split(',')[0]},\n" for line in BURST)
    path.write_text("callee,note,caller,channel,ts,answered\n" + body)
    assert scan_collecting(path) == ([BURST_RESULT], [])


def test_parquet_reports_bad_rows_by_row_index(tmp_path):
    rows = [line.rstrip("\n").split(",") for line in BURST]
    rows.insert(2, ["2026-03-02T10:01:30+08:00", "S1", "B1", "pager", ""])
    columns = dict(zip(HEADER.strip().split(","), zip(*rows, strict=True), strict=True))
    path = tmp_path / "contacts.parquet"
    pq.write_table(pa.table({name: list(values) for name, values in columns.items()}), path)
    assert scan_collecting(path) == (
        [BURST_RESULT],
        [{"line": 2, "error": "unknown channel: pager"}],
    )


def test_parquet_with_typed_columns(tmp_path):
    stamps = [datetime(2026, 3, 2, 2, m, tzinfo=UTC) for m in range(5)]
    table = pa.table(
        {
            "ts": pa.array(stamps, pa.timestamp("us", tz="UTC")),
            "caller": ["S1"] * 5,
            "callee": ["B1"] * 5,
            "channel": ["call"] * 5,
            "answered": pa.array([True, True, True, True, None]),
        }
    )
    path = tmp_path / "typed.parquet"
    pq.write_table(table, path)
    results, bad_rows = scan_collecting(path)
    assert bad_rows == [{"line": 4, "error": "a call needs answered true or false"}]
    assert results == []  # four good calls: below the burst threshold


def test_parquet_time_without_zone_is_refused(tmp_path):
    table = pa.table(
        {
            "ts": pa.array([datetime(2026, 3, 2, 10)], pa.timestamp("us")),
            "caller": ["S1"],
            "callee": ["B1"],
            "channel": ["sms"],
            "answered": [None],
        }
    )
    pq.write_table(table, tmp_path / "naive.parquet")
    with pytest.raises(ContactFileError, match="without offset is ambiguous"):
        list(scan_file(tmp_path / "naive.parquet"))


def test_missing_column_is_refused(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("ts,caller,callee,channel\n")
    with pytest.raises(ContactFileError, match="missing column"):
        list(scan_file(path))


def test_format_is_taken_from_the_extension_or_given(tmp_path):
    path = write_csv(tmp_path, BURST, name="contacts.log")
    with pytest.raises(ContactFileError, match="extension"):
        list(scan_file(path))
    assert scan_collecting(path, file_format="csv") == ([BURST_RESULT], [])


def test_scan_rows_accepts_tuples_and_reports_bad_rows_by_index():
    rows = [tuple(line.rstrip("\n").split(",")) for line in BURST]
    rows.insert(1, ("2026-03-02T10:00:30+08:00", "S1", None, "sms", None))
    bad_rows = []
    assert scan_rows(rows, on_bad_row=bad_rows.append) == [BURST_RESULT]
    assert bad_rows == [{"line": 1, "error": "missing callee"}]


@pytest.mark.parametrize(
    "ts, good",
    [
        ("2026-03-02T10:00:00+08:00", True),
        ("2026-03-02T02:00:00Z", True),
        ("2026-03-02 10:00+0800", True),
        ("2026-03-02T05:00:00.123456789-05", True),
        ("2026-03-02T10:00:00", False),  # no offset: ambiguous
        ("2026-03-02", False),
        ("2026-03-02T10:00:00 Asia/Shanghai", False),  # DuckDB would take it; ISO does not
        ("2026-03-02t02:00:00z", False),
        ("2026-02-30T10:00:00+08:00", False),
        ("1772416800", False),
    ],
)
def test_ts_must_be_iso_8601_with_an_offset(ts, good):
    bad_rows = []
    scan_rows([(ts, "S1", "B1", "sms", None)], on_bad_row=bad_rows.append)
    assert bad_rows == (
        [] if good else [{"line": 0, "error": f"ts is not ISO 8601 with a UTC offset: {ts}"}]
    )


def test_scan_rows_refuses_a_naive_datetime():
    bad_rows = []
    row = {"ts": datetime(2026, 3, 2, 10), "caller": "S1", "callee": "B1", "channel": "im"}
    assert scan_rows([row], on_bad_row=bad_rows.append) == []
    assert bad_rows[0]["error"].startswith("ts is not ISO 8601 with a UTC offset")


def test_scan_relation_on_the_callers_connection():
    con = duckdb.connect()
    con.execute(
        """CREATE TABLE log AS SELECT
            TIMESTAMPTZ '2026-03-02 02:00:00+00' + INTERVAL (i) MINUTE AS ts,
            'S1' AS caller, 'B1' AS callee, 'call' AS channel, false AS answered
        FROM range(3) t(i)"""
    )
    (result,) = scan_relation(con.table("log"))
    assert result["counts"] == {"unanswered_redial": 3}
    assert result["first"] == "2026-03-02T10:00:00+08:00"


def test_progress_is_reported_by_stage(tmp_path):
    stages = []
    results = scan_file(write_csv(tmp_path, BURST), progress=lambda stage, _: stages.append(stage))
    assert list(results) == [BURST_RESULT]
    # DuckDB's estimates may repeat a stage on a slow machine; the order is what matters.
    distinct = [stage for i, stage in enumerate(stages) if i == 0 or stages[i - 1] != stage]
    assert distinct == ["checking rows", "scanning patterns", "writing results", "done"]


# Thresholds are rulebook data (RULES 7.1)


def test_thresholds_defaults_are_the_issue_numbers():
    assert Thresholds() == Thresholds.from_mapping({})
    assert (Thresholds().burst_count, Thresholds().night_start, Thresholds().timezone) == (
        5,
        "22:00",
        "Asia/Shanghai",
    )


def test_thresholds_from_mapping_overrides_only_what_it_names():
    thresholds = Thresholds.from_mapping({"burst_count": 7, "timezone": "Asia/Urumqi"})
    assert (thresholds.burst_count, thresholds.timezone, thresholds.redial_count) == (
        7,
        "Asia/Urumqi",
        3,
    )


@pytest.mark.parametrize(
    "mapping, message",
    [
        ({"burst_cuont": 5}, "unknown contact pattern setting"),
        ({"burst_count": "5"}, "burst_count must be an integer"),
        ({"burst_count": True}, "burst_count must be an integer"),
        ({"night_days": 0}, "night_days must be at least 1"),
        ({"night_start": "10pm"}, 'night_start must be a time "HH:MM"'),
        ({"night_end": "24:00"}, 'night_end must be a time "HH:MM"'),
        ({"night_start": "08:00"}, "must differ"),
        ({"timezone": "Mars/Olympus"}, "not an IANA time zone"),
        ({"timezone": "UTC'; DROP"}, "not an IANA time zone"),
        ({"timezone": 8}, "timezone must be a string"),
    ],
)
def test_thresholds_from_mapping_refuses_bad_data(mapping, message):
    with pytest.raises(ThresholdsError, match=message):
        Thresholds.from_mapping(mapping)


def test_thresholds_from_mapping_needs_a_mapping():
    with pytest.raises(ThresholdsError, match="must be a mapping"):
        Thresholds.from_mapping([("burst_count", 5)])


def test_windows_are_fixed_durations_whatever_the_session_time_zone():
    """Seven days are 168 hours even where the caller's DuckDB session crosses a DST change."""
    con = duckdb.connect()
    con.execute("SET TimeZone = 'America/New_York'")  # DST began there on 2026-03-08
    con.execute(
        """CREATE TABLE log AS SELECT * FROM (VALUES
            (TIMESTAMPTZ '2026-03-05 23:00:00+08', 'S1', 'B1', 'sms', NULL::BOOLEAN),
            (TIMESTAMPTZ '2026-03-05 23:00:00+08' + INTERVAL 168 HOUR, 'S1', 'B1', 'sms', NULL)
        ) t(ts, caller, callee, channel, answered)"""
    )
    (result,) = scan_relation(con.table("log"))
    assert result["counts"] == {"night": 2}
