from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.arguments import parser


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["extract", "--lang", "fr"], "invalid choice: 'fr'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["extract", "--workers", "-1"], "must be at least 0, not -1"),
        (["extract", "--max-mb", "0"], "must be at least 0.001, not 0"),
        (["extract", "--report-docs", "many"], "not a number: 'many'"),
        (["detect", "items.jsonl"], "the following arguments are required: --out"),
    ],
)
def test_usage_errors_exit_2_with_one_line_saying_why(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as raised:
        parser().parse_args(argv)
    assert raised.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: newsner")
    assert message in err.splitlines()[-1]


def test_extract_defaults_to_data_raw_into_data_out_with_every_core() -> None:
    args = parser().parse_args(["extract"])
    assert (args.inputs, args.out, args.lang, args.workers, args.max_mb) == (
        [],
        Path("data/out"),
        "auto",
        0,
        50.0,
    )
    assert (args.curation, args.no_curation, args.rebuild, args.engine, args.debug) == (
        None,
        False,
        False,
        "local",
        False,
    )
