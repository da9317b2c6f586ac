"""The four contact patterns at their edges (RULES 2.2 a, d; 10.3), through scan_rows."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from weiquan.screening.contact_scan import Thresholds, scan_rows

SHANGHAI = timezone(timedelta(hours=8))
BASE = datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI)  # a Monday, 10:00 in Shanghai


def contact(at, caller="S1", callee="B1", channel="sms", answered=None):
    """A contact `at` minutes after BASE (or at an aware datetime)."""
    ts = at if isinstance(at, datetime) else BASE + timedelta(minutes=at)
    if channel == "call" and answered is None:
        answered = True
    return {"ts": ts, "caller": caller, "callee": callee, "channel": channel, "answered": answered}


def scan(rows, **thresholds):
    bad_rows = []
    results = scan_rows(rows, Thresholds(**thresholds), on_bad_row=bad_rows.append)
    assert bad_rows == []
    return results


def only(results, pattern):
    return [r for r in results if pattern in r["patterns"]]


# burst: RULES 2.2 a, "many calls in a short time, many SMS in a short time"


def test_burst_five_contacts_spanning_exactly_sixty_minutes_flags():
    """RULES 2.2 a: the window is closed, so 10:00 and 11:00 are within 60 minutes."""
    results = scan([contact(m) for m in (0, 15, 30, 45, 60)])
    assert results == [
        {
            "caller": "S1",
            "callee": "B1",
            "patterns": ["burst"],
            "first": "2026-03-02T10:00:00+08:00",
            "last": "2026-03-02T11:00:00+08:00",
            "counts": {"burst": 5},
        }
    ]


def test_burst_four_contacts_do_not_flag():
    """RULES 2.2 a: 4 contacts are below the default burst_count of 5."""
    assert scan([contact(m) for m in (0, 1, 2, 3)]) == []


def test_burst_one_microsecond_past_the_window_does_not_flag():
    rows = [contact(m) for m in (0, 15, 30, 45)]
    rows.append(contact(BASE + timedelta(minutes=60, microseconds=1)))
    assert scan(rows) == []


def test_burst_counts_every_channel_and_reports_the_largest_window():
    """RULES 2.2 a names calls, SMS and IM alike."""
    channels = ["call", "sms", "im", "call", "sms", "im"]
    rows = [contact(m, channel=c) for m, c in zip((0, 5, 10, 15, 20, 25), channels, strict=True)]
    rows.append(contact(200))  # outside every window: not part of the pattern
    (result,) = scan(rows)
    assert result["counts"] == {"burst": 6}
    assert (result["first"], result["last"]) == (
        "2026-03-02T10:00:00+08:00",
        "2026-03-02T10:25:00+08:00",
    )


def test_burst_is_per_pair():
    rows = [contact(m, caller="S1") for m in (0, 1, 2)] + [contact(m, caller="S2") for m in (3, 4)]
    assert scan(rows) == []


def test_burst_uses_the_instant_whatever_the_offset():
    """09:30Z is 17:30 in Shanghai: the five contacts below fall within 60 minutes."""
    rows = [contact(m) for m in (0, 10, 20, 30)]
    rows.append(contact(datetime(2026, 3, 2, 2, 45, tzinfo=UTC)))  # 10:45+08:00
    (result,) = scan(rows)
    assert result["counts"] == {"burst": 5}
    assert result["last"] == "2026-03-02T10:45:00+08:00"


def test_burst_threshold_comes_from_thresholds():
    rows = [contact(m) for m in (0, 1, 2)]
    assert scan(rows, burst_count=3)[0]["counts"] == {"burst": 3}
    assert scan(rows, burst_count=3, burst_minutes=1) == []


# night: RULES 2.2 a "calls outside normal hours", RULES 10.3 "do not contact at night"


def at_local(day, hour, minute=0, second=0, microsecond=0):
    return datetime(2026, 3, day, hour, minute, second, microsecond, tzinfo=SHANGHAI)


def test_night_two_contacts_across_midnight_flag():
    """RULES 10.3: 23:00 and the next 07:59:59 are both night, in the callee's time."""
    (result,) = scan([contact(at_local(2, 23)), contact(at_local(3, 7, 59, 59))])
    assert result["patterns"] == ["night"]
    assert result["counts"] == {"night": 2}
    assert (result["first"], result["last"]) == (
        "2026-03-02T23:00:00+08:00",
        "2026-03-03T07:59:59+08:00",
    )


def test_night_starts_at_22_inclusive_and_ends_at_08_exclusive():
    assert scan([contact(at_local(2, 22)), contact(at_local(2, 22, 1))])[0]["counts"] == {
        "night": 2
    }
    assert scan([contact(at_local(2, 22)), contact(at_local(3, 8))]) == []
    assert scan([contact(at_local(2, 21, 59, 59)), contact(at_local(2, 23))]) == []


def test_night_is_judged_in_the_callee_time_zone_not_the_offset_given():
    """15:30Z is 23:30 in Shanghai; 23:30+00:00 would be 07:30 the next day there."""
    utc = UTC
    rows = [
        contact(datetime(2026, 3, 2, 15, 30, tzinfo=utc)),
        contact(datetime(2026, 3, 2, 16, 30, tzinfo=utc)),
    ]
    (result,) = scan(rows)
    assert result["first"] == "2026-03-02T23:30:00+08:00"
    daytime_in_shanghai = [
        contact(datetime(2026, 3, 2, 3, 0, tzinfo=utc)),
        contact(datetime(2026, 3, 2, 4, 0, tzinfo=utc)),
    ]
    assert scan(daytime_in_shanghai) == []


def test_night_window_is_seven_days_inclusive():
    first = at_local(2, 23)
    assert scan([contact(first), contact(first + timedelta(days=7))])[0]["counts"] == {"night": 2}
    late = first + timedelta(days=7, microseconds=1)
    assert scan([contact(first), contact(late)]) == []


def test_night_one_contact_does_not_flag_and_day_contacts_do_not_count():
    assert scan([contact(at_local(2, 23)), contact(at_local(3, 12))]) == []


def test_night_hours_and_zone_come_from_thresholds():
    rows = [contact(at_local(2, 20)), contact(at_local(2, 21))]
    assert scan(rows, night_start="20:00")[0]["counts"] == {"night": 2}
    # 20:00 in Shanghai is 12:00 UTC: not night there.
    assert scan(rows, timezone="UTC") == []


# unanswered_redial: RULES 10.3 "do not call again and again when the buyer does not answer"


def call(at, answered, caller="S1"):
    return contact(at, caller=caller, channel="call", answered=answered)


def test_redial_three_unanswered_calls_within_thirty_minutes_flag():
    """RULES 10.3."""
    (result,) = scan([call(0, False), call(15, False), call(30, False)])
    assert result["patterns"] == ["unanswered_redial"]
    assert result["counts"] == {"unanswered_redial": 3}
    assert (result["first"], result["last"]) == (
        "2026-03-02T10:00:00+08:00",
        "2026-03-02T10:30:00+08:00",
    )


def test_redial_two_unanswered_calls_do_not_flag():
    assert scan([call(0, False), call(5, False)]) == []


def test_redial_window_of_thirty_minutes_is_inclusive():
    late = BASE + timedelta(minutes=30, microseconds=1)
    assert scan([call(0, False), call(15, False), call(late, False)]) == []


def test_redial_answered_call_breaks_the_run():
    assert scan([call(0, False), call(1, False), call(2, True), call(3, False)]) == []


def test_redial_sms_and_im_neither_break_nor_count():
    rows = [
        call(0, False),
        contact(1, channel="sms"),
        call(2, False),
        contact(3, channel="im"),
        call(4, False),
    ]
    (result,) = scan(rows, burst_count=99)
    assert result["counts"] == {"unanswered_redial": 3}
    assert scan(rows[:4], burst_count=99) == []


def test_redial_reports_the_longest_run_inside_one_window():
    rows = [call(m, False) for m in (0, 10, 20, 30, 40)]
    (result,) = scan(rows, burst_count=99)
    assert result["counts"] == {"unanswered_redial": 4}  # 10:00-10:30 or 10:10-10:40
    assert result["last"] == "2026-03-02T10:40:00+08:00"


def test_redial_answered_call_at_the_same_instant_comes_first():
    rows = [call(0, False), call(1, False), call(2, False), call(2, True)]
    # Taken as answered-then-unanswered at 10:02, the run before it has 2 calls.
    assert scan(rows, burst_count=99) == []
    rows = [call(0, True), call(0, False), call(1, False), call(2, False)]
    assert scan(rows, burst_count=99)[0]["counts"] == {"unanswered_redial": 3}


def test_redial_is_per_caller():
    rows = [call(0, False, "S1"), call(1, False, "S2"), call(2, False, "S1")]
    assert scan(rows) == []


# bombing: RULES 2.2 a, d, call bombing outsourced to "review handling" companies


def callers(count, start=0, step=1, callee="B9"):
    return [contact(start + i * step, caller=f"S{i}", callee=callee) for i in range(count)]


def test_bombing_ten_distinct_callers_within_sixty_minutes_flag():
    """RULES 2.2 d: 10 callers to one callee, the first and last exactly 60 minutes apart."""
    rows = callers(9) + [contact(60, caller="S99", callee="B9")]
    (result,) = scan(rows)
    assert result == {
        "caller": None,
        "callee": "B9",
        "patterns": ["bombing"],
        "first": "2026-03-02T10:00:00+08:00",
        "last": "2026-03-02T11:00:00+08:00",
        "counts": {"bombing": 10},
    }


def test_bombing_nine_callers_do_not_flag_however_often_they_call():
    rows = callers(9) + [contact(30 + i, caller="S0", callee="B9") for i in range(3)]
    assert scan(rows) == []


def test_bombing_one_microsecond_past_the_window_does_not_flag():
    rows = callers(9)
    rows.append(contact(BASE + timedelta(minutes=60, microseconds=1), caller="S99", callee="B9"))
    assert scan(rows) == []


def test_bombing_counts_a_caller_by_any_contact_inside_the_window():
    """S0 first called 90 minutes before the others; its later call puts it in the window."""
    rows = [contact(0, caller="S0", callee="B9"), contact(100, caller="S0", callee="B9")]
    rows += [contact(60 + i, caller=f"T{i}", callee="B9") for i in range(9)]
    (result,) = scan(rows)
    assert result["counts"] == {"bombing": 10}
    assert (result["first"], result["last"]) == (
        "2026-03-02T11:00:00+08:00",
        "2026-03-02T11:40:00+08:00",
    )


def test_bombing_ignores_a_caller_whose_contacts_all_left_the_window():
    rows = [contact(0, caller="S0", callee="B9"), contact(30, caller="S0", callee="B9")]
    rows += [contact(91 + i, caller=f"T{i}", callee="B9") for i in range(9)]
    assert scan(rows) == []


def test_bombing_threshold_comes_from_thresholds():
    assert scan(callers(3), bombing_callers=3)[0]["counts"] == {"bombing": 3}
    assert scan(callers(3, step=30), bombing_callers=3, bombing_minutes=59) == []


# records


def test_a_pair_flagged_twice_has_both_patterns_and_the_union_of_their_windows():
    rows = [call(m, False) for m in (0, 1, 2)]  # redial 10:00-10:02
    rows += [contact(at_local(2, 23)), contact(at_local(2, 23, 30))]  # night
    (result,) = scan(rows)
    assert result["patterns"] == ["night", "unanswered_redial"]
    assert result["counts"] == {"night": 2, "unanswered_redial": 3}
    assert (result["first"], result["last"]) == (
        "2026-03-02T10:00:00+08:00",
        "2026-03-02T23:30:00+08:00",
    )


def test_records_are_ordered_by_callee_with_the_bombing_record_first():
    rows = callers(10, callee="B2") + [
        contact(m, caller="S0", callee="B2") for m in (20, 21, 22, 23)
    ]
    rows += [contact(m, caller="S5", callee="B1") for m in range(5)]
    results = scan(rows, night_count=99)
    assert [(r["caller"], r["callee"], r["patterns"]) for r in results] == [
        ("S5", "B1", ["burst"]),
        (None, "B2", ["bombing"]),
        ("S0", "B2", ["burst"]),
    ]


@pytest.mark.parametrize("rows", [[], [contact(0)]])
def test_nothing_to_flag(rows):
    assert scan(rows) == []


def test_bombing_counts_a_caller_once_when_its_contacts_are_exactly_one_window_apart():
    rows = [contact(0, caller="S0", callee="B9"), contact(60, caller="S0", callee="B9")]
    rows += [contact(30 + i, caller=f"T{i}", callee="B9") for i in range(8)]
    assert scan(rows, bombing_callers=9)[0]["counts"] == {"bombing": 9}
    assert scan(rows) == []
