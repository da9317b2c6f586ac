"""Contact-log scanner: call/SMS bombing, night contact, unanswered redial (issue 6 §2)."""

from .scanner import ContactFileError, report_to_stderr, scan_file, scan_relation, scan_rows
from .thresholds import Thresholds, ThresholdsError

__all__ = [
    "ContactFileError",
    "Thresholds",
    "ThresholdsError",
    "report_to_stderr",
    "scan_file",
    "scan_relation",
    "scan_rows",
]
