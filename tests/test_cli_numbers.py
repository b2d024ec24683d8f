"""Numbers on the command line beyond what the library or a date can hold are a clear usage
error or a clear "not found", never a traceback (issue 30 item 11)."""

from __future__ import annotations

import pytest
from support import write_thread

from reader.cli import main

HUGE = "99999999999999999999"  # beyond SQLite's integers
BIG = str(2**63 - 1)  # the largest SQLite stores: valid, names nothing


@pytest.fixture
def imported(tmp_path, capsys):
    f = write_thread(tmp_path / "arch" / "外野" / "4801-01[数字].md",
                     [(1, "甲", "2024-5-1 10:00", "一楼"), (2, "乙", "2024-5-1 10:01", "二楼")], op="甲")
    assert main(["import", "-q", str(f)]) == 0
    capsys.readouterr()


def _run(argv) -> int:
    try:
        return main(argv)
    except SystemExit as e:  # argparse: a usage error
        return e.code


@pytest.mark.parametrize("argv", [
    ["show", HUGE], ["show", "4801", "--from", HUGE], ["show", "4801", "--limit", HUGE],
    ["bookmark", "add", "4801", HUGE], ["bookmark", "add", HUGE, "1"], ["replies", "4801", HUGE],
    ["author", "甲", "--posts", HUGE], ["images", HUGE], ["digest", HUGE], ["export", HUGE],
    ["block", "add", "乙", "--days", "3000000"], ["rule", "add", "广告", "--days", "99999999"],
    ["highlight", "add", "乙", "--days", HUGE], ["search", "一楼", "--limit", HUGE],
    ["search", "一楼", "--offset", HUGE], ["bookmark", "remove", HUGE], ["media", "prefetch", HUGE],
    ["import", "--workers", HUGE, "."], ["fetch", "1", "--delay", "inf"], ["fetch", "1", "--timeout", "nan"],
])
def test_a_number_out_of_range_is_a_usage_error(imported, argv, capsys):
    assert _run(argv) == 2
    err = capsys.readouterr().err
    assert "argument" in err and "Traceback" not in err, err  # argparse names the argument


@pytest.mark.parametrize("argv", [
    ["show", BIG], ["bookmark", "add", "4801", BIG],
    ["bookmark", "add", BIG, "1"], ["replies", "4801", BIG], ["images", BIG], ["digest", BIG],
    ["replies", BIG, BIG], ["bookmark", "remove", BIG],
])
def test_the_largest_stored_number_names_nothing_and_says_so(imported, argv, capsys):
    assert _run(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("s1reader: ") and "Traceback" not in err, err


def test_a_usage_error_says_the_range(imported, capsys):
    assert _run(["show", HUGE]) == 2
    assert "out of range (0 to 9,223,372,036,854,775,807)" in capsys.readouterr().err
    assert _run(["block", "add", "乙", "--days", "3000000"]) == 2
    assert "out of range (1 to 36,500)" in capsys.readouterr().err


def test_the_largest_numbers_in_range_still_work(imported, capsys):
    assert main(["show", "4801", "--limit", BIG, "--from", "0"]) == 0
    assert "二楼" in capsys.readouterr().out
    assert main(["block", "add", "乙", "--days", "36500"]) == 0
    assert main(["rule", "add", "广告", "--days", "36500"]) == 0
