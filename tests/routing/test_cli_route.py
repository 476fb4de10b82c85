"""`hotline route`: one text per line in, one JSON object per line out, in order."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.fixtures.cli import hotline_argv

KEYS = {"department", "alternatives", "category", "area", "epidemic", "confidence", "explanation"}


def _route(routing_workdir: Path, data: bytes) -> subprocess.CompletedProcess[bytes]:
    # cwd=routing_workdir: no ./hotline.yaml and no trained model of the developer's are
    # picked up; its var/ holds only the seed-corpus cache.
    return subprocess.run(
        hotline_argv("route"), input=data, capture_output=True, cwd=routing_workdir, timeout=180
    )


def test_lines_in_order_with_the_contract_fields(routing_workdir: Path) -> None:
    lines = [
        "喂 你好 我 想 反映 一下 熊岳 镇 暖气 不 热",
        "",
        "我要举报海星街道有人聚众赌博",
        "asdf qwer",
        "停水 了 电话 幺 三 八 零 四 幺 七 二 二 三 三",
    ]
    result = _route(routing_workdir, ("\n".join(lines) + "\n").encode())
    assert result.returncode == 0, result.stderr.decode()
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(out) == len(lines)
    for item in out:
        assert set(item) >= KEYS
        assert isinstance(item["epidemic"], bool)
        assert 0 <= item["confidence"] <= 1
        assert len(item["alternatives"]) <= 3
        for alt in item["alternatives"]:
            assert set(alt) == {"department", "score"}
    assert [o["department"] for o in out] == [
        "heating",
        None,
        "public_security",
        None,
        "water",
    ]
    assert out[0]["area"] == "xiongyue"
    assert out[2]["category"] == "report"
    assert out[4]["callback_number"] == "13804172233"


def test_crlf_and_bom_and_no_final_newline(routing_workdir: Path) -> None:
    data = "\ufeff停电了\r\n暖气不热".encode()
    out = _route(routing_workdir, data).stdout.decode().splitlines()
    assert [json.loads(x)["department"] for x in out] == ["power", "heating"]


def test_undecodable_input_exits_non_zero_after_answering_the_good_lines(
    routing_workdir: Path,
) -> None:
    result = _route(
        routing_workdir, "停电了\n".encode() + b"\xff\xfe\xfa bad\n" + "暖气\n".encode()
    )
    assert result.returncode != 0
    assert len(result.stdout.decode().splitlines()) == 1
    stderr = result.stderr.decode()
    assert "UTF-8" in stderr and "line 2" in stderr


def test_each_answer_is_flushed_before_the_next_line_is_read(routing_workdir: Path) -> None:
    process = subprocess.Popen(
        hotline_argv("route"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=routing_workdir,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        for text, unit in (("停电了", "power"), ("暖气不热", "heating")):
            process.stdin.write(f"{text}\n".encode())
            process.stdin.flush()
            # Blocks until the answer for this line arrives: no EOF has been sent yet.
            assert json.loads(process.stdout.readline())["department"] == unit
    finally:
        process.stdin.close()
        process.wait(timeout=60)
    assert process.returncode == 0
