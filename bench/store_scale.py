"""A city-size ticket store: fill PostgreSQL with synthetic tickets, then time the API as
operators and leads use it, against a real `hotline serve`.

    python bench/store_scale.py --tickets 1000000 [--reuse] [--reps 30]

Fill (COPY, in one transaction per table): tickets received over three years (most closed
or reported, the last two weeks still open in every state), Chinese request texts of
40–400 characters built from phrases callers use, units/areas/types from the packaged
catalogue, 3–8 history rows a ticket. Word-level transcript JSON is left empty (it is
TOASTed out of line and read only by the ticket page), so the table is smaller than a real
one of the same count; nothing here scans it.

Then `hotline serve` starts on that database (the schema comes from its own migrations)
and a lead and an operator log in; each request is sent `--reps` times over one keep-alive
connection (after one warm-up) and its p50/p95/p99 printed. The SQL behind the main
queries is shown with EXPLAIN (ANALYZE, BUFFERS) so the plans and indexes can be read.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

import aiohttp
import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import store_explain  # noqa: E402 - bench/ is on the path when run as a script
from hotline.ticketing.model import OPEN_STATES  # noqa: E402

from hotline.catalog_loader import load_catalog  # noqa: E402
from hotline.migrations import upgrade  # noqa: E402

DEFAULT_SERVER = "postgresql+psycopg://hotline:hotline@127.0.0.1:5432/postgres"
PASSWORD = "store-bench-pass-42"

PLACES = [
    "红海街道",
    "海星街道",
    "望海街道",
    "熊岳镇",
    "芦屯镇",
    "红旗镇",
    "山海广场",
    "万科城",
    "海滨花园",
    "五矿小区",
    "鲅鱼圈港",
    "滨海路",
    "平安大街",
    "青龙山公园",
    "熊岳温泉",
]
PROBLEMS = [
    "暖气不热，室温只有十二度",
    "小区停水两天了没人管",
    "井盖没了，晚上特别危险",
    "楼下烧烤油烟太大，窗户都不敢开",
    "路灯坏了一个多月",
    "垃圾好几天没人清运",
    "工地夜里施工噪音扰民",
    "物业乱收停车费",
    "公交车不按点发车",
    "孩子学校门口交通拥堵",
    "饭店卫生不合格吃坏了肚子",
    "医保报销一直办不下来",
    "工资被拖欠三个月",
    "疫情期间隔离人员生活物资送不进来",
    "燃气表坏了一直没人来修",
    "停电没有提前通知",
    "下水道堵了污水漫到路上",
    "商家卖过期食品",
    "出租车拒载还绕路",
    "小广告贴满楼道",
]
FILLERS = [
    "你好，我想反映个事儿，",
    "我是附近的居民，",
    "这个问题已经反映好几次了，",
    "麻烦你们给处理一下，",
    "我家老人身体不好，",
    "希望相关部门尽快解决，",
    "邻居们意见都很大，",
    "之前打过电话也没人回，",
    "谢谢你们了，",
    "我在这边住了十多年，",
]
REPLIES = [
    "已联系责任单位现场处理完毕",
    "经核实情况属实，已责令整改",
    "已协调相关部门解决",
    "已向来电人解释相关政策",
]
CLOSED_STATES = ["closed"] * 14 + ["reported"] * 4 + ["merged"] + ["invalid"]
SATISFACTION = ["satisfied"] * 7 + ["basically_satisfied"] * 2 + ["dissatisfied", None]


def texts(rng: random.Random) -> tuple[str, str, str]:
    """(machine text, summary, location) of one request: 40–400 characters."""
    place, problem = rng.choice(PLACES), rng.choice(PROBLEMS)
    parts = [rng.choice(FILLERS) for _ in range(rng.randint(0, 6))]
    body = (
        "".join(parts)
        + f"我在{place}，{problem}。"
        + "".join(
            rng.choice(FILLERS) + rng.choice(PROBLEMS) + "。" for _ in range(rng.randint(0, 8))
        )
    )
    return body[:400], f"{place}{problem}"[:60], place


def ticket_rows(count: int, now: datetime, seed: int = 7) -> Any:
    catalog = load_catalog()
    units = [u.id for u in catalog.units]
    areas = [a.id for a in catalog.areas]
    types = [k.id for k in catalog.categories]
    open_states = [str(s) for s in OPEN_STATES]
    rng = random.Random(seed)
    span = timedelta(days=3 * 365).total_seconds()
    for n in range(1, count + 1):
        received = now - timedelta(seconds=span * (1 - n / count) + rng.random() * 60)
        recent = now - received < timedelta(days=14)
        state = (
            rng.choice(open_states) if recent and rng.random() < 0.6 else rng.choice(CLOSED_STATES)
        )
        text, summary, place = texts(rng)
        dispatched = received + timedelta(minutes=rng.randint(3, 45))
        closed = dispatched + timedelta(hours=rng.randint(1, 40))
        done = state in ("closed", "reported")
        went_out = state not in ("draft", "registered", "invalid")
        yield (
            n,
            3,
            state,
            "phone",
            received,
            f"13{rng.randint(100000000, 999999999)}",
            "",
            False,
            "12345",
            None,
            f"call-{n}",
            f"2024/01/01/call-{n}.wav",
            "[]",
            text,
            False,
            text if rng.random() < 0.3 else None,
            summary,
            rng.choice(types),
            place,
            rng.choice(areas),
            rng.choice(units) if went_out else None,
            "[]",
            "normal",
            rng.random() < 0.03,
            "{}",
            "[]",
            "[]",
            rng.choice(REPLIES) if done else "",
            rng.choice(SATISFACTION) if done else None,
            "",
            received + timedelta(minutes=2),
            dispatched if went_out else None,
            dispatched if went_out else None,
            closed if done else None,
            received + timedelta(minutes=30),
            dispatched + timedelta(hours=24) if went_out else None,
            closed + timedelta(hours=24) if done else None,
            closed if done else received,
        )


TICKET_COLUMNS = (
    "id, version, state, channel, received_at, caller_number, caller_name, caller_confidential,"
    " called_number, forwarded_from, call_id, recording_ref, transcript_words, machine_text,"
    " transcription_pending, corrected_text, summary, request_type, location_text, area_id,"
    " lead_unit, assisting_units, urgency, epidemic, routing_suggestion, missing_info,"
    " duplicate_candidates, reply_text, satisfaction, satisfaction_note, registered_at,"
    " first_dispatched_at, dispatched_at, closed_at, dispatch_due_at, close_due_at,"
    " followup_due_at, updated_at"
)


def fill(conninfo: str, count: int, now: datetime) -> None:
    started = time.monotonic()
    rng = random.Random(11)
    with psycopg.connect(conninfo) as conn, conn.cursor() as cur:
        with cur.copy(f"COPY tickets ({TICKET_COLUMNS}) FROM STDIN") as copy:
            for row in ticket_rows(count, now):
                copy.write_row(row)
        print(f"  tickets: {count} rows in {time.monotonic() - started:.0f} s", flush=True)
        steps = [
            "create_draft",
            "register",
            "dispatch",
            "accept",
            "reply",
            "review",
            "close",
            "report",
        ]
        with cur.copy(
            "COPY ticket_history (ticket_id, seq, at, actor, actor_role, command, from_state,"
            " to_state, reason, details) FROM STDIN"
        ) as copy:
            base = now - timedelta(days=3 * 365)
            for n in range(1, count + 1):
                at = base + timedelta(seconds=n * 94)
                for seq in range(rng.randint(3, 8)):
                    copy.write_row(
                        (
                            n,
                            seq,
                            at + timedelta(minutes=seq * 20),
                            "wang",
                            "operator",
                            steps[seq],
                            None,
                            "closed",
                            "",
                            "{}",
                        )
                    )
        cur.execute("SELECT setval('tickets_id_seq', %s)", (count,))
        cur.execute("SELECT setval('ticket_history_id_seq', (SELECT max(id) FROM ticket_history))")
        conn.commit()
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    print(f"  filled and analysed in {time.monotonic() - started:.0f} s", flush=True)


def psycopg_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def prepare_database(server_url: str, name: str, count: int, reuse: bool) -> str:
    url = server_url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(psycopg_url(server_url), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and reuse:
            with psycopg.connect(psycopg_url(url)) as db:
                have = db.execute("SELECT count(*) FROM tickets").fetchone()
            if have and have[0] == count:
                print(f"reusing {name}: {count} tickets", flush=True)
                upgrade(url)  # indexes added since the fill
                return url
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    upgrade(url)
    print(f"filling {name} with {count} tickets …", flush=True)
    fill(psycopg_url(url), count, datetime.now(UTC))
    return url


# ---- the API as operators and leads use it -----------------------------------------------


def hotline_command() -> list[str]:
    script = Path(sys.executable).with_name("hotline")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hotline"]


def start_server(url: str, workdir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOTLINE_")}
    env.update(
        HOTLINE_DATABASE_URL=url,
        HOTLINE_DATA_DIR=str(workdir / "var"),
        HOTLINE_MODEL_PATH=str(workdir / "no-model"),
        HOTLINE_FOLLOWUP__ENABLED="false",
    )
    seed = ROOT / "var"
    (workdir / "var").mkdir(parents=True, exist_ok=True)
    for cached in seed.glob("routing-seed-*"):  # the seed routing model: no training here
        shutil.copy(cached, workdir / "var" / cached.name)
    for name, role in (("lead1", "lead"), ("op1", "operator")):
        subprocess.run(
            [*hotline_command(), "user", "add", name, "--role", role],
            env=env,
            input=PASSWORD + "\n",
            text=True,
            capture_output=True,
            cwd=workdir,
        )
    log = open(workdir / "serve.log", "wb")  # noqa: SIM115 - the child keeps it
    return subprocess.Popen(
        [*hotline_command(), "serve", "--http-port", str(port), "--sip-port", str(port + 1)],
        env=env,
        cwd=workdir,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


class Request(NamedTuple):
    who: str
    what: str
    path: str
    body: dict[str, Any] | None = None  # POSTed as JSON when given
    reps: int | None = None  # fewer than --reps for the slow downloads


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) the server process has used: on a shared machine the
    wall-clock latency includes waiting for a core, this does not."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def timed(
    session: aiohttp.ClientSession, url: str, reps: int, body: dict[str, Any] | None, csrf: str
) -> tuple[list[float], int]:
    async def once() -> int:
        if body is None:
            async with session.get(url) as response:
                await response.read()
                return response.status
        async with session.post(url, json=body, headers={"X-CSRF-Token": csrf}) as response:
            await response.read()
            return response.status

    status = await once()  # warm-up
    samples = []
    for _ in range(reps):
        began = time.perf_counter()
        await once()
        samples.append((time.perf_counter() - began) * 1000)
    return samples, status


def requests(now: datetime, count: int) -> list[Request]:
    """The measured requests, as operators (op1) and the centre's lead (lead1) send them."""
    month = (now - timedelta(days=30)).date().isoformat()
    year = (now - timedelta(days=365)).date().isoformat()
    today = now.date().isoformat()
    recent = count - 200  # ids follow receipt time: this one came in within the last day
    return [
        Request("op1", "queue (待处理)", "/api/v1/tickets?view=queue&limit=50"),
        Request("op1", "overdue (超时)", "/api/v1/tickets?view=overdue&limit=50"),
        Request("op1", "all, newest 100", "/api/v1/tickets?view=all&limit=100"),
        Request("op1", "filter state", "/api/v1/tickets?view=all&state=dispatched&limit=50"),
        Request("op1", "filter unit", "/api/v1/tickets?view=all&unit=heating&limit=50"),
        Request("op1", "filter area", "/api/v1/tickets?view=all&area=xiongyue&limit=50"),
        Request(
            "op1",
            "filter unit + month",
            f"/api/v1/tickets?unit=heating&date_from={month}&date_to={today}&limit=50",
        ),
        Request("op1", "page 200 of all", "/api/v1/tickets?view=all&limit=50&offset=10000"),
        Request("op1", "search 井盖 (2 chars)", "/api/v1/tickets?q=%E4%BA%95%E7%9B%96&limit=50"),
        Request(
            "op1",
            "search 熊岳温泉 (4 chars)",
            "/api/v1/tickets?q=%E7%86%8A%E5%B2%B3%E6%B8%A9%E6%B3%89&limit=50",
        ),
        Request("op1", "search, no hit", "/api/v1/tickets?q=%E9%BE%99%E5%8D%B7%E9%A3%8E&limit=50"),
        Request("op1", "ticket page", f"/api/v1/tickets/{count // 2}"),
        Request(
            "op1",
            "duplicate candidates",
            f"/api/v1/tickets/{recent}/route-preview",
            {"text": "我在熊岳镇，井盖没了，晚上特别危险，希望相关部门尽快解决"},
        ),
        Request("lead1", "stats: a month", f"/api/v1/stats?start={month}&end={today}"),
        Request("lead1", "stats: a year", f"/api/v1/stats?start={year}&end={today}"),
        Request(
            "lead1",
            "export a month (xlsx)",
            f"/api/v1/stats/export.xlsx?start={month}&end={today}",
            reps=5,
        ),
    ]


async def measure(
    http: int, pid: int, now: datetime, count: int, reps: int
) -> list[dict[str, Any]]:
    base = f"http://127.0.0.1:{http}"
    sessions: dict[str, tuple[aiohttp.ClientSession, str]] = {}
    results = []
    try:
        for who in ("op1", "lead1"):
            s = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=1),
                timeout=aiohttp.ClientTimeout(total=600),
                cookie_jar=aiohttp.CookieJar(unsafe=True),  # the session cookie of 127.0.0.1
            )
            async with s.post(
                base + "/api/v1/session/login", json={"username": who, "password": PASSWORD}
            ) as r:
                assert r.status == 200, await r.text()
                sessions[who] = (s, (await r.json())["csrf_token"])
        for request in requests(now, count):
            session, csrf = sessions[request.who]
            n = min(reps, request.reps or reps)
            cpu = server_cpu(pid)
            samples, status = await timed(session, base + request.path, n, request.body, csrf)
            cpu_ms = (server_cpu(pid) - cpu) * 1000 / (n + 1)
            if status != 200:
                raise SystemExit(f"{request.what}: HTTP {status} for {request.path}")
            q = statistics.quantiles(samples, n=100, method="inclusive")
            results.append({"what": request.what, "p50": q[49], "p99": q[98], "cpu": cpu_ms})
            print(
                f"  {request.what:28} p50 {q[49]:8.1f}  p95 {q[94]:8.1f}  p99 {q[98]:8.1f} ms"
                f"   server CPU {cpu_ms:7.1f} ms/request",
                flush=True,
            )
    finally:
        for s, _ in sessions.values():
            await s.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="keep a database already filled")
    parser.add_argument("--database", default="hotline_store_bench")
    parser.add_argument(
        "--server", default=os.environ.get("HOTLINE_BENCH_POSTGRES_URL", DEFAULT_SERVER)
    )
    args = parser.parse_args()
    url = prepare_database(args.server, args.database, args.tickets, args.reuse)
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as tmp:
        port = 18000 + random.randrange(1000) * 2
        proc = start_server(url, Path(tmp), port)
        try:
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline:
                try:
                    import urllib.request

                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                    break
                except OSError:
                    if proc.poll() is not None:
                        raise SystemExit((Path(tmp) / "serve.log").read_text()) from None
                    time.sleep(0.5)
            print(f"\n{args.tickets} tickets, {args.reps} requests each (ms):", flush=True)
            asyncio.run(measure(port, proc.pid, now, args.tickets, args.reps))
        finally:
            proc.terminate()
            proc.wait(60)
    store_explain.main(["--database", args.database, "--server", args.server])


if __name__ == "__main__":
    main()
