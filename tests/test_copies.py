"""Where a source's words were read, and where its full text stands: the sources read at a proxy, a
mirror or a catalogue record the search for a canonical copy (PubMed, PubMed Central, Europe PMC, the
publisher) with its date; a source with no DOI or no authors records the search for them; the trial's
full text is linked at its address and its state is said the same way everywhere. Each test names the
data it reads, so that a change of the data fails it."""

import re

from acureview.data.addresses import refused
from acureview.paths import ROOT

#: the sources whose facts were read at a proxy, a mirror or a catalogue, with the host read at
READ_AT_A_COPY = {
    "Zhao2019": "togows.dbcls.jp",
    "Smith2018": "github.com",
    "R6": "distantreader.org",
    "Chan2015": "vufind-test.katalog.k.utb.cz",
}
SOUGHT = re.compile(
    r"[Aa] canonical copy( of the abstract)?( \([^)]*\))? was sought in the stored index(es)? of [^.]*?(\d{4}-\d{2}-\d{2})"
)


def test_every_source_read_at_a_copy_records_the_search_for_a_canonical_one(data):
    for sid, host in READ_AT_A_COPY.items():
        # facts still name the copy read (no canonical copy holding their words was found), never as the address
        at_copy = [f for f in data.facts.values() if f.source_id == sid and host in f.read_at]
        assert at_copy, sid
        assert all(f.address and not refused(f.address) and host not in f.address for f in at_copy), sid
        # and the source's note says where a canonical copy was sought, and when
        assert SOUGHT.search(data.sources[sid]["note"]), sid
    # counter-case: a note without the search fails the rule
    assert not SOUGHT.search("PubMed record (MEDLINE format) of the abstract.")


def test_a_source_without_a_doi_or_authors_records_the_search_for_them(data):
    willich, zhen = data.sources["Willich2006"], data.sources["ZhenCiYanJiu2023"]
    assert not willich["record_doi"] and not willich["record_pmid"]
    assert re.search(r"The DOI was sought again on \d{4}-\d{2}-\d{2}", willich["note"])
    assert not zhen["record_authors"]
    assert re.search(r"The authors were sought again on \d{4}-\d{2}-\d{2}", zhen["note"])


def test_the_trial_s_full_text_is_linked_at_its_address_and_its_state_said_one_way(data):
    r1 = data.sources["R1"]
    assert r1["full_text"] == "public, not read here"
    chapter = (ROOT / "notebooks" / "rct-tiaoqi-jieyu.md").read_text(encoding="utf-8")
    # the chapter's sentence on the full text links the article at its canonical address
    sentence = chapter[chapter.index("The trial's full text") :].split(": every copy")[0]
    assert f"]({r1['url']})" in sentence
    # every fact of the trial that names the full text says its state as the sources file does, with its address
    notes = [f.note for f in data.facts.values() if f.source_id == "R1" and "full text" in f.note]
    assert len(notes) >= 5
    for note in notes:
        assert f"in the full text ({r1['full_text']}; the article at {r1['url']})" in note, note
        assert "both public" not in note and "which is public" not in note
    assert "searched" in r1["note"] and r1["url"] in r1["note"]
