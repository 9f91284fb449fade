"""The verdict table is computed once per version of the inputs and read by everything else."""

import json

import pytest
from conftest import with_fact

from acureview import verify
from acureview.__main__ import main
from acureview.inputs import digest_for
from acureview.verdicts import ORDER


@pytest.fixture
def counted(monkeypatch):
    """Counts the computations of the table."""
    calls = []
    compute = verify.compute

    def counting(data):
        calls.append(data.folder)
        return compute(data)

    monkeypatch.setattr(verify, "compute", counting)
    return calls


def test_read_computes_once_per_inputs(data_copy, tmp_path, counted):
    out = tmp_path / "build"
    data = verify.load(data_copy)
    first = verify.read(data, out)
    assert len(counted) == 1 and verify.stamp(out) == digest_for(data_copy)
    again = verify.read(verify.load(data_copy), out)
    assert len(counted) == 1, "the stored table of the same inputs is read, not recomputed"
    assert again.equals(first) and first.equals(verify.table(data))


def test_read_recomputes_when_an_input_changes(data_copy, tmp_path, counted):
    out = tmp_path / "build"
    verify.read(verify.load(data_copy), out)
    facts = data_copy / "facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # any edit changes the hash
    verify.read(verify.load(data_copy), out)
    assert len(counted) == 2


def test_a_dataset_changed_in_memory_never_gets_the_stored_table(data_copy, tmp_path, counted):
    out = tmp_path / "build"
    data = verify.load(data_copy)
    stored = verify.read(data, out)
    assert len(counted) == 1 and data.loaded_from == digest_for(data_copy)
    changed = with_fact(data, "rct1.obs.responders", 5)
    assert changed.loaded_from is None, "a changed copy is not the data on disk"
    table = verify.read(changed, out)
    assert len(counted) == 2, "computed, not read from the disk's table"
    assert verify.read(data, out).equals(stored) and len(counted) == 2, "the disk's table is left as it was"
    assert not table.equals(stored) and table.equals(verify.table(changed))
    with pytest.raises(ValueError, match="changed in memory"):
        verify.rows(changed, out)
    # counter-case: the dataset read from disk is the disk's, read back without computing
    assert verify.rows(data, out)[1].endswith("read, not recomputed")


def test_compute_validates_a_dataset_changed_in_memory(verdict_rows):
    data = verify.load()
    # (a standard deviation of 0 is the schema's to refuse, when the file is read; what the studies
    # assume beyond the schema is validated again for a dataset changed in memory)
    broken = with_fact(data, "cohort2.new_patients", 0)
    with pytest.raises(verify.DataError, match="new_patients"):
        verify.compute(broken)


def test_a_table_without_its_hash_is_never_read(data_copy, tmp_path, counted):
    out = tmp_path / "build"
    data = verify.load(data_copy)
    rows = verify.compute(data)
    rows[0]["verdict"] = "reproduced" if rows[0]["verdict"] != "reproduced" else "consistent"
    verify.write(rows, out)  # no hash: a table of unknown inputs
    assert not (out / verify.STAMP).exists()
    assert verify.read(data, out).iloc[0]["verdict"] != rows[0]["verdict"]


def test_a_damaged_stored_table_is_recomputed(data_copy, tmp_path, counted):
    out = tmp_path / "build"
    data = verify.load(data_copy)
    verify.read(data, out)
    (out / "verdicts.json").write_text(json.dumps([{"claim_id": "C-A-01"}]), encoding="utf-8")
    assert len(verify.read(data, out)) == len(data.claims) and len(counted) == 2


def test_discard_removes_the_hash_first_of_all(tmp_path, data_copy):
    out = tmp_path / "build"
    data = verify.load(data_copy)
    verify.write(verify.compute(data), out, digest_for(data_copy))
    verify.discard(out)
    assert not any(out.iterdir())


def test_the_written_csv_is_what_pandas_writes(verdict_rows):
    rows = verdict_rows
    assert verify.as_csv(rows) == verify.frame(rows).to_csv(index=False, lineterminator="\n")


def test_summary_counts_gravest_first(verdict_rows):
    rows = verdict_rows
    pairs = verify.summary(rows)
    assert sum(n for _, n in pairs) == len(rows)
    assert pairs == verify.summary(verify.frame(rows))
    order = [v for v, _ in pairs]

    assert order == sorted(order, key=ORDER.index)


def test_the_command_computes_once_per_inputs(data_copy, tmp_path, counted, capsys):
    out = tmp_path / "build"
    args = ["verify", "--quiet", "--data", str(data_copy), "--out", str(out)]
    assert main(args) == 0 and len(counted) == 1
    first = (out / "verdicts.csv").read_bytes()
    assert main(args) == 0 and len(counted) == 1 and "read, not recomputed" in capsys.readouterr().out
    assert main([*args, "--fresh"]) == 0 and len(counted) == 2
    assert (out / "verdicts.csv").read_bytes() == first
    claims = data_copy / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace("headline", "nonsense", 1), encoding="utf-8")
    assert main(args) == 2 and len(counted) == 2
    assert "claims.csv" in capsys.readouterr().err and not (out / "verdicts.csv").exists()


@pytest.mark.parametrize("name", ["verdicts.json", "verdicts.csv"])
def test_a_table_edited_by_hand_is_recomputed_and_rewritten(data_copy, tmp_path, counted, name):
    """The stamp carries the hash of the table's own files: a verdict changed by hand in either file
    is not read back; the table is computed again and both files rewritten."""
    out = tmp_path / "build"
    first = verify.rows(verify.load(data_copy), out)[0]
    path = out / name
    text = path.read_text(encoding="utf-8")
    verdict = first[0]["verdict"]
    other = "consistent" if verdict != "consistent" else "reproduced"
    path.write_text(text.replace(verdict, other, 1), encoding="utf-8")
    rows, done = verify.rows(verify.load(data_copy), out)
    assert len(counted) == 2 and done.startswith("wrote"), done
    assert rows == first and json.loads((out / "verdicts.json").read_text(encoding="utf-8")) == first
    assert (out / "verdicts.csv").read_text(encoding="utf-8") == verify.as_csv(first)
    # counter-case: the files as written are read back
    assert verify.rows(verify.load(data_copy), out)[1].endswith("read, not recomputed") and len(counted) == 2


def test_the_verdicts_are_counted_alike_from_rows_a_frame_a_column_or_a_list():
    """verify.summary, which the chapters' counts (glue.counted) call with a column of the table."""
    import pandas as pd

    from acureview.site.glue import counted

    rows = [{"verdict": "reproduced"}, {"verdict": "overstated"}, {"verdict": "reproduced"}]
    frame = pd.DataFrame(rows)
    want = [("overstated", 1), ("reproduced", 2)]
    for form in (rows, frame, frame["verdict"], ["reproduced", "overstated", "reproduced"]):
        assert verify.summary(form) == want
    assert verify.summary([]) == [] and verify.summary(frame.iloc[:0]["verdict"]) == []
    assert counted(frame["verdict"]) == "1 overstated and 2 reproduced"
