"""IdMap answers as a dict of strings does (first value kept), across merges and for any id form."""

from __future__ import annotations

import random

from quotes.idmap import IdMap
from quotes.ids import stable_id


def test_idmap_is_a_dict_of_first_values(monkeypatch):
    monkeypatch.setattr(IdMap, "MIN_RECENT", 8)  # many merges on a few hundred ids
    rng = random.Random(7)
    ids = [stable_id("a", i) for i in range(600)] + ["a1", "A_" + "0" * 16, "a_" + "F" * 16, "q_" + "0" * 16, ""]
    rng.shuffle(ids)
    m, ref = IdMap("a"), {}
    for k in ids + ids[:50]:  # the second time a key comes, it keeps its first value
        value = f"path/{rng.random()}:é"
        m.add(k, value)
        ref.setdefault(k, value)
    assert len(m) == len(ref)
    for k in ids + [stable_id("a", "absent"), "a_" + "0" * 16, "zz"]:
        assert (k in m) == (k in ref)
        assert m.get(k) == ref.get(k)
    assert sorted(m) == sorted(ref)
    m.close()


def test_idmap_as_a_set(monkeypatch):
    monkeypatch.setattr(IdMap, "MIN_RECENT", 4)
    s = IdMap("a", values=False)
    ids = [stable_id("a", i) for i in range(100)] + ["odd"]
    for k in ids:
        s.add(k)
    assert all(k in s for k in ids) and stable_id("a", "x") not in s and 3 not in s
    assert s.get(ids[0]) == "" and s.get("missing") is None
    s.clear()
    assert len(s) == 0 and ids[0] not in s
