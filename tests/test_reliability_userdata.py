"""A user-data backup that is absurd rather than wrong (issue 16): a million entries, a 300 MiB
file, a string of megabytes, deep nesting inside an entry. Each is refused with one clear
message and changes nothing: the bookmark already there stays, nothing is added."""

from __future__ import annotations

import json

import pytest
from support import write_thread

from reader.cli import main
from reader.store.db import close_library

GOOD_BOOKMARK = {"tid": 6, "pid": None, "floor": 2, "author": "乙", "posted_at": "2024-01-01 01:01:00",
                 "note": "n", "tags": "x", "created_at": "2024-02-01 00:00:00"}


@pytest.fixture
def library(tmp_path, capsys):
    f = write_thread(tmp_path / "arch" / "外野" / "6-01[备份].md",
                     [(1, "甲", "2024-1-1 1:00", "一"), (2, "乙", "2024-1-1 1:01", "二")])
    assert main(["import", "-q", str(f)]) == 0
    assert main(["bookmark", "add", "6", "1", "--note", "原有"]) == 0
    capsys.readouterr()
    yield tmp_path
    close_library()


def _backup(**sections) -> dict:
    data = {"format": "s1reader-userdata", "version": 1, "bookmarks": [GOOD_BOOKMARK],
            "user_marks": [], "filter_rules": [], "read_state": []}
    data.update(sections)
    return data


def _state(capsys) -> tuple[list, list]:
    main(["bookmark", "list", "--json"])
    marks = json.loads(capsys.readouterr().out)
    main(["block", "list", "--json"])
    return [(b["floor"], b["note"]) for b in marks], json.loads(capsys.readouterr().out)


def _write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def _sparse(path, size: int):
    with path.open("wb") as f:
        f.truncate(size)  # a hole: no 300 MiB written, but stat() says so
    return path


CASES = {
    "a million entries": (lambda p: _write(p, json.dumps(_backup(
        read_state=[{"tid": n + 1, "last_floor": 1} for n in range(1_000_000)]))),
        "1,000,000 entries"),
    "a note of 5 MB": (lambda p: _write(p, json.dumps(_backup(
        bookmarks=[dict(GOOD_BOOKMARK, note="长" * 5_000_000)]))), "note must be a text"),
    "a name of a list nested deep": (lambda p: _write(p, json.dumps(_backup(
        user_marks=[{"name": "甲", "kind": "block", "note": ""}])).replace(
        '"note": ""', '"note": ' + "[" * 50_000 + "]" * 50_000)), "not a readable s1reader backup"),
    "a file of 300 MiB": (lambda p: _sparse(p, 300 << 20), "not an s1reader backup"),
    "a lone surrogate in a note": (lambda p: _write(p, json.dumps(_backup(
        bookmarks=[dict(GOOD_BOOKMARK, note="半个\ud800字")]))), "lone surrogate"),
    "wrong types everywhere": (lambda p: _write(p, json.dumps(_backup(
        bookmarks=[{"tid": [], "floor": {}, "author": 3, "posted_at": 4}], read_state="x"))),
        "invalid entries"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_absurd_backups_are_refused_and_change_nothing(library, capsys, case):
    make, words = CASES[case]
    before = _state(capsys)
    path = make(library / "backup.json")
    rc = main(["userdata", "import", str(path)])
    err = capsys.readouterr().err
    assert rc == 1 and "Traceback" not in err
    assert words in err and "othing was imported" in err, err[:300]
    assert err.count("\n") == 1
    assert _state(capsys) == before == ([(1, "原有")], [])


def test_a_rule_slow_on_every_post_is_dropped_once_its_pass_budget_is_spent(monkeypatch):
    """A regex under the per-text time box on each post must not add up to minutes on a long
    thread: its time over the pass is boxed too (the clock is scripted: no timing in tests)."""
    from reader.store import rulematch
    from reader.store.userdata import FilterRuleInfo

    clock = iter(n * 0.04 for n in range(100_000))  # every match "takes" 0.04 s
    monkeypatch.setattr(rulematch.time, "monotonic", lambda: next(clock))
    slow = FilterRuleInfo(1, "甲.*乙", True, "post", "hide", "", None, None)
    word = FilterRuleInfo(2, "原神", False, "post", "hide", "", None, None)
    matcher = rulematch.RuleMatcher([slow, word])
    texts = ["无关的帖子"] * 1000 + ["原神启动"]
    hits = [matcher.first_match(t) for t in texts]
    assert matcher.too_slow == [slow]
    assert hits[-1] is word and hits.count(None) == 1000
    assert next(clock) < 60 * 0.04  # two clock reads per try: tried about 25 times, not 1,000


def test_first_matches_names_each_posts_first_rule_and_stops_when_every_rule_is_dropped(monkeypatch):
    """The thread view's keyword pass (store.rulematch.first_matches, no Qt): the first rule
    that matches each post wins, and once every rule is out of time no more posts are read."""
    from reader.store import rulematch
    from reader.store.userdata import FilterRuleInfo

    word = FilterRuleInfo(1, "原神", False, "post", "collapse", "", None, None)
    also = FilterRuleInfo(2, "启动", False, "post", "hide", "", None, None)
    found, too_slow = rulematch.first_matches([(10, "原神启动"), (11, "启动"), (12, "无关")],
                                             [word, also])
    assert found == {10: word, 11: also} and too_slow == []

    clock = iter(n * 0.6 for n in range(1000))  # every match "takes" 0.6 s: out of budget at once
    monkeypatch.setattr(rulematch.time, "monotonic", lambda: next(clock))
    slow = FilterRuleInfo(3, "甲.*乙", True, "post", "hide", "", None, None)
    read: list[int] = []

    def texts():
        for n in range(100):
            read.append(n)
            yield n, "无关的帖子"

    found, too_slow = rulematch.first_matches(texts(), [slow])
    assert found == {} and too_slow == [slow]
    assert len(read) < 5  # stopped reading the thread, not all 100 posts


# -- issue 30 items 12 and 14: small details of backups, and memory bounded by what is read


def _bookmarks(capsys) -> list[tuple]:
    main(["bookmark", "list", "--json"])
    return [(b["floor"], b["author"], b["posted_at"], b["note"], b["missing"])
            for b in json.loads(capsys.readouterr().out)]


def test_a_backup_saved_with_a_byte_order_mark_imports(library, capsys):
    path = library / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(_backup(), ensure_ascii=False).encode("utf-8"))
    assert main(["userdata", "import", str(path)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert (2, "乙", "2024-01-01T01:01:00", "n", False) in _bookmarks(capsys)


def test_a_time_with_an_offset_keeps_its_moment(library, capsys):
    """Post times are China time (+08:00): 17:01 UTC on Dec 31 is 01:01 on Jan 1 there."""
    path = _write(library / "utc.json", json.dumps(_backup(bookmarks=[
        dict(GOOD_BOOKMARK, posted_at="2023-12-31T17:01:00+00:00", note="世界时")])))
    assert main(["userdata", "import", str(path)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert (2, "乙", "2024-01-01T01:01:00", "世界时", False) in _bookmarks(capsys)


def test_a_backup_with_a_section_twice_is_refused(library, capsys):
    first = json.dumps(_backup())
    twice = first[:-1] + ', "bookmarks": []}'  # a second "bookmarks" would replace the first
    before = _state(capsys)
    path = _write(library / "twice.json", twice)
    assert main(["userdata", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert '"bookmarks" twice' in err and "othing was imported" in err, err
    assert _state(capsys) == before


def test_a_backup_of_millions_of_tiny_entries_is_refused_before_it_is_built(library, tmp_path):
    """40 MiB of ``{}`` (14 million objects, gigabytes once parsed) under a 1 GiB address-space
    limit: refused from a count of what the file holds, not parsed first."""
    import os
    import subprocess
    import sys

    from support import REPO

    path = library / "tiny.json"
    with path.open("w", encoding="utf-8") as f:
        f.write('{"format": "s1reader-userdata", "version": 1, "read_state": [')
        f.write("{}," * (14 << 20) + "{}]}")
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
            "from reader.cli import main; sys.exit(main(sys.argv[1:]))")
    env = dict(os.environ, S1READER_HOME=os.environ["S1READER_HOME"], PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", code, "userdata", "import", str(path)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "othing was imported" in done.stderr, done.stderr


def test_an_empty_post_between_separators_is_not_reported(tmp_path, capsys):
    f = tmp_path / "arch" / "外野" / "6101-01[空].md"
    f.parent.mkdir(parents=True)
    post = "*****\n\n####  甲  \n##### 1#       发表于 2024-1-1 1:00\n\n正文\n\n"
    f.write_text(post + "*****\n\n" * 100_000 + post.replace("1#", "2#"), encoding="utf-8")
    assert main(["import", str(f)]) == 0
    assert capsys.readouterr().err.count("\n") < 5  # the progress line only
    assert main(["show", "6101", "--json"]) == 0
    assert [p["floor"] for p in json.loads(capsys.readouterr().out)["posts"]] == [1, 2]
    # separators at the end (a file cut short?) are said once
    f.write_text(post + "*****\n\n" * 100_000, encoding="utf-8")
    assert main(["import", str(f)]) == 3
    err = capsys.readouterr().err
    assert err.count("cut short") == 1 and "99,999 more" in err and err.count("\n") < 5, err[:500]


def test_a_thread_file_of_hundreds_of_megabytes_is_refused_unread(tmp_path, capsys):
    """Issue 30 item 12: a 1 GiB .md took 2.1 GB to import. A file over the limit (here a sparse
    300 MiB one: no gigabytes written) is refused by its size, with what to do; the others go on."""
    big = tmp_path / "arch" / "外野" / "6201-01[巨大].md"
    big.parent.mkdir(parents=True)
    with big.open("wb") as f:
        f.write("*****\n\n####  甲  \n##### 1#       发表于 2024-1-1 1:00\n\n正文\n".encode())
        f.truncate(300 << 20)
    ok = write_thread(tmp_path / "arch" / "外野" / "6202-01[正常].md", [(1, "乙", "2024-1-1 1:00", "正常")])
    assert main(["import", str(big), str(ok)]) == 3
    err = capsys.readouterr().err
    assert "300 MiB" in err and "split it" in err and str(big) in err, err
    assert main(["threads", "--json"]) == 0
    assert [t["tid"] for t in json.loads(capsys.readouterr().out)] == [6202]


def test_a_file_name_that_is_not_utf8_imports_and_json_stays_utf8(tmp_path):
    """Issue 30 item 13: a GBK file name failed with "cannot import: UnicodeEncodeError" and made
    ``import --json`` print invalid UTF-8. Its undecodable bytes are shown as ``\\xff``."""
    import os
    import subprocess
    import sys

    from support import REPO

    folder = os.fsencode(tmp_path / "arch") + b"/\xe5\xa4\x96\xff"
    try:
        os.makedirs(folder)
        with open(folder + b"/6301-01[\xb0\xa1].md", "wb") as f:
            f.write("\n*****\n\n####  甲  \n##### 1#       发表于 2024-1-1 1:00\n\n正文\n".encode())
    except (OSError, UnicodeError):
        pytest.skip("this file system does not take file names that are not UTF-8")
    env = dict(os.environ, PYTHONPATH=str(REPO))

    def cli(*argv) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "reader", *argv], env=env, capture_output=True,
                              timeout=120)

    for expected in ({"files": 1, "skipped": 0, "failed": []}, {"files": 1, "skipped": 1, "failed": []}):
        done = cli("import", "--json", os.fsdecode(tmp_path / "arch"))
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        summary = json.loads(done.stdout.decode("utf-8"))  # strict: valid UTF-8
        assert {k: summary[k] for k in expected} == expected
    threads = json.loads(cli("threads", "--json").stdout.decode("utf-8"))
    assert [(t["tid"], t["board"], t["title"]) for t in threads] == [(6301, "外\\xff", "\\xb0\\xa1")]


def test_a_fifo_or_a_device_given_as_a_path_is_refused_at_once(tmp_path):
    """Issue 30 item 12: a symlink to /dev/zero given as the path grew to 17 GB, a FIFO blocked
    forever. Both are refused by what they are, unread (a subprocess under a memory limit and a
    deadline, so that a regression fails instead of taking the machine)."""
    import os
    import subprocess
    import sys

    from support import REPO

    fifo = tmp_path / "1-01[管道].md"
    os.mkfifo(fifo)
    zero = tmp_path / "2-01[零].md"
    zero.symlink_to("/dev/zero")
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
            "from reader.cli import main; sys.exit(main(sys.argv[1:]))")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", code, "import", str(fifo), str(zero)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stderr
    assert done.stderr.count("not a regular file") == 2 and "Traceback" not in done.stderr
