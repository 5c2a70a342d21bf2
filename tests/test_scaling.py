from __future__ import annotations

from pipeline.scaling import analysis_scaling, scaling_failure


def test_analysis_scaling_times_each_size() -> None:
    scaling = analysis_scaling((0.01, 0.02), repeats=1)
    assert [r["mb"] for r in scaling["rows"]] == [0.01, 0.02]
    assert all(r["seconds"] > 0 and r["mentions"] > 0 for r in scaling["rows"])
    assert scaling["ratio"] == scaling["rows"][1]["seconds"] / scaling["rows"][0]["seconds"]


def test_analysis_scaling_fails_past_its_limit() -> None:
    def scaling(ratio: float) -> dict[str, object]:
        return {"rows": [{"mb": 0.5}, {"mb": 4.0}], "ratio": ratio, "limit": 10.0}

    assert scaling_failure(scaling(8.2)) is None
    assert scaling_failure(scaling(10.0)) is None
    failure = scaling_failure(scaling(12.5)) or ""
    assert failure.startswith("FAIL analysis scaling: 4 MB took 12.5x the time of 0.5 MB (limit 10x, linear")
