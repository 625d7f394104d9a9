"""Dask: the same figures as score_many, computed on a LocalCluster with several workers."""
import pandas as pd
import pytest

import stance

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


@pytest.mark.slow
def test_score_dataframe_on_a_local_cluster_equals_score_many():
    from stance.dask import score_dataframe

    arts = pd.DataFrame([a.to_record() for a in stance.load_articles()])
    arts = pd.concat([arts, pd.DataFrame([{"id": "bad", "outlet": "X", "date": "2026-01-01", "title": "",
                                           "text": None}])], ignore_index=True)
    expected = stance.score_many(arts.to_dict("records"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        ddf = dd.from_pandas(arts, npartitions=6)
        got = score_dataframe(ddf, text="text").compute()
        loads = client.run(lambda: len(__import__("stance.dask", fromlist=["x"])._worker_models))
    assert sorted(loads.values()) == [1, 1]  # one model per worker, whatever the number of partitions
    got = got.reset_index(drop=True)
    assert list(got["id"]) == list(expected["id"])
    assert got.loc[got.id == "bad", "error"].item() == "text must be str, got NoneType"
    num = [c for c in expected.columns if c not in ("id", "outlet", "date", "title", "flags", "error")]
    pd.testing.assert_frame_equal(got[num].astype(float), expected[num].astype(float), check_dtype=False)
    table = stance.compare(got, by="outlet", n_boot=100)
    assert set(table.group) == set(arts.outlet) - {"X"}  # X holds only the bad record


def test_missing_text_column_is_a_clear_error():
    from stance.dask import score_dataframe

    ddf = dd.from_pandas(pd.DataFrame({"body": ["x"]}), npartitions=1)
    with pytest.raises(KeyError, match="no text column 'text'"):
        score_dataframe(ddf)
