"""The numbers the contact-log scanner applies: rulebook data, never literals in the queries.

RULES 7.1: every window and count is data in a dated rulebook. The defaults are the ones
issue 6 names; a rulebook's ``contact_patterns`` mapping overrides any of them.
"""

import dataclasses
import re
import zoneinfo
from dataclasses import dataclass
from datetime import time


class ThresholdsError(ValueError):
    """A rulebook's contact_patterns mapping that the scanner cannot use."""


_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
# Zone names are spliced into SQL, so accept only the characters IANA names use.
_ZONE_NAME = re.compile(r"^[A-Za-z0-9_+\-/]+$")


@dataclass(frozen=True)
class Thresholds:
    """Pattern thresholds. Counts are "at least"; windows include both ends.

    burst_count / burst_minutes: contacts from one caller to one callee, any channel,
        whose first and last are at most burst_minutes apart (RULES 2.2 a).
    night_count / night_days: contacts from one caller to one callee in the callee's night,
        first and last at most night_days apart (RULES 2.2 a, 10.3).
    night_start / night_end: "HH:MM" in `timezone`; night is start <= time < end, wrapping
        past midnight when start > end.
    timezone: the callee's IANA time zone (for now the same for every callee).
    redial_count / redial_minutes: consecutive unanswered calls from one caller to one
        callee, first and last at most redial_minutes apart (RULES 10.3).
    bombing_callers / bombing_minutes: distinct callers contacting one callee with first
        and last contact at most bombing_minutes apart (RULES 2.2 a, d).
    """

    burst_count: int = 5
    burst_minutes: int = 60
    night_count: int = 2
    night_days: int = 7
    night_start: str = "22:00"
    night_end: str = "08:00"
    timezone: str = "Asia/Shanghai"
    redial_count: int = 3
    redial_minutes: int = 30
    bombing_callers: int = 10
    bombing_minutes: int = 60

    def __post_init__(self):
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if field.type is int:
                # bool is an int subclass; True as a count is a data-entry slip, not 1.
                if not isinstance(value, int) or isinstance(value, bool):
                    raise ThresholdsError(f"{field.name} must be an integer, not {value!r}")
                if value < 1:
                    raise ThresholdsError(f"{field.name} must be at least 1, not {value}")
            elif not isinstance(value, str):
                raise ThresholdsError(f"{field.name} must be a string, not {value!r}")
        for name in ("night_start", "night_end"):
            if not _CLOCK.match(getattr(self, name)):
                raise ThresholdsError(f'{name} must be a time "HH:MM", not {getattr(self, name)!r}')
        if self.night_start == self.night_end:
            raise ThresholdsError("night_start and night_end must differ")
        try:
            if not _ZONE_NAME.match(self.timezone):
                raise zoneinfo.ZoneInfoNotFoundError(self.timezone)
            zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ThresholdsError(f"timezone {self.timezone!r} is not an IANA time zone") from None

    @classmethod
    def from_mapping(cls, mapping):
        """Thresholds from a rulebook's mapping; keys it leaves out keep their defaults.

        Unknown keys are an error rather than ignored: a misspelt key would otherwise
        silently leave the default in force.
        """
        if not isinstance(mapping, dict):
            raise ThresholdsError(
                f"contact patterns must be a mapping, not {type(mapping).__name__}"
            )
        known = {field.name for field in dataclasses.fields(cls)}
        unknown = sorted(set(mapping) - known)
        if unknown:
            raise ThresholdsError(
                f"unknown contact pattern setting(s): {', '.join(map(str, unknown))}; "
                f"known: {', '.join(sorted(known))}"
            )
        return cls(**mapping)

    @property
    def night_bounds(self):
        return time.fromisoformat(self.night_start), time.fromisoformat(self.night_end)
