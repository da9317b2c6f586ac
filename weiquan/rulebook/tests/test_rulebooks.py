"""Rulebooks are data, validated at start-up, chosen by the operator (RULES 7)."""

import shutil
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from weiquan.rulebook.apps import RulebookConfig
from weiquan.rulebook.registry import all_rulebooks, reload_rulebooks

BOOKS = Path(__file__).resolve().parent.parent / "books"


def test_three_variants_ship_with_their_numbers():
    books = all_rulebooks()
    assert set(books) == {"taobao-002-rule-text", "taobao-001-compensation", "taobao-003-hiding"}
    assert books["taobao-002-rule-text"].tiers["serious"].points == 48
    assert str(books["taobao-001-compensation"].tiers["general"].compensation) == "300.00"
    assert books["taobao-003-hiding"].tiers["general"].hide_store_days == 7
    assert books["taobao-003-hiding"].filing.excluded_channels == ("tmall",)


@pytest.fixture
def broken_dir(tmp_path, settings):
    shutil.copy(BOOKS / "taobao-003-hiding.toml", tmp_path)
    text = (tmp_path / "taobao-003-hiding.toml").read_text().replace(
        "decision = { days = 4, unit = \"working\" }", "decision = { days = 4, unit = \"fortnights\" }")
    (tmp_path / "taobao-003-hiding.toml").write_text(text)
    settings.WEIQUAN_RULEBOOK_DIRS = [tmp_path]
    yield tmp_path
    settings.WEIQUAN_RULEBOOK_DIRS = [BOOKS]
    reload_rulebooks()


def test_a_bad_file_stops_start_up_naming_the_file_and_the_field(broken_dir):
    all_rulebooks.cache_clear()
    import weiquan.rulebook as module

    with pytest.raises(ImproperlyConfigured) as error:
        RulebookConfig("weiquan.rulebook", module).ready()
    assert "taobao-003-hiding.toml" in str(error.value)
    assert "deadlines.decision.unit" in str(error.value)


def test_the_validate_command_names_the_field(broken_dir, capsys):
    with pytest.raises(CommandError):
        call_command("rulebook", "validate", str(broken_dir / "taobao-003-hiding.toml"))
    assert "deadlines.decision.unit" in capsys.readouterr().err


def test_list_and_show(capsys, db):
    call_command("rulebook", "list")
    call_command("rulebook", "show", "taobao-001-compensation")
    out = capsys.readouterr().out
    assert "* taobao-003-hiding" in out and "compensation 300.00 CNY" in out


@pytest.mark.django_db
def test_a_rulebook_cannot_be_activated_before_its_effective_date():
    with pytest.raises(CommandError, match="2026-01-01"):
        call_command("rulebook", "activate", "taobao-002-rule-text", "--at", "2025-06-01")
