"""Composition root for 回访: ticketing's Dialer protocol on top of telephony.dialer.

`SurveyCallDialer.run_survey` dials through the configured trunk/PBX (digest
auth, early media and DTMF are telephony's job), then runs the sans-I/O
`SurveyScript`: plays espeak-ng prompts from the PromptCache, waits for a key
(RFC 4733 or SIP INFO) or, optionally, a spoken answer recognised by Vosk with
a three-phrase grammar, and hangs up politely. `run_followup_scheduler` is
what `hotline serve` runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import socket
import struct
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from hotline.asr.model import NO_MODEL_ZH, install_hint
from hotline.settings import Settings
from hotline.telephony.dialer import Dialer as SipDialer
from hotline.telephony.dialer import DialerOptions, OutboundCall
from hotline.telephony.prompts import PromptCache
from hotline.telephony.recording import CallRecorder, recording_path
from hotline.ticketing.deadlines import Clock, DeadlinePolicy, utc_now
from hotline.ticketing.followup.dialer import Dialer, SurveyOutcome, SurveyRequest
from hotline.ticketing.followup.policy import policy_from_settings
from hotline.ticketing.followup.scheduler import FollowupScheduler
from hotline.ticketing.followup.service import FollowupService
from hotline.ticketing.followup.survey_script import (
    Action,
    HangUp,
    Listen,
    Play,
    SurveyScript,
)
from hotline.ticketing.followup.ticket_port import DatabaseTicketPort
from hotline.ticketing.persistence.database import Database

log = logging.getLogger(__name__)

# --- spoken answers (Vosk grammar) ----------------------------------------------------------------

# Each answer as words of the model's vocabulary; alternatives are tried in order.
SPOKEN_PHRASES: dict[str, tuple[tuple[str, ...], ...]] = {
    "满意": (("满意",),),
    "基本满意": (("基本满意",), ("基本", "满意")),
    "不满意": (("不满意",), ("不", "满意")),
}


class GrammarError(Exception):
    """The model cannot recognise the answers: the message names the missing words."""


def model_vocabulary(model_path: Path) -> set[str]:
    """Words the model knows: graph/words.txt, or the word table inside graph/Gr.fst."""
    if not Path(model_path).is_dir():  # not "no vocabulary": there is no model at all
        raise GrammarError(
            f"{NO_MODEL_ZH} / no speech model at {model_path}: {install_hint(model_path)}"
        )
    graph = Path(model_path) / "graph"
    words_txt = graph / "words.txt"
    if words_txt.is_file():
        with open(words_txt, encoding="utf-8") as handle:
            return {line.split()[0] for line in handle if line.strip()}
    gr = graph / "Gr.fst"
    if gr.is_file():
        with open(gr, "rb") as handle:
            return _fst_input_symbols(handle)
    raise GrammarError(
        f"{graph}: neither words.txt nor Gr.fst — this model has no vocabulary to check "
        "(a static-graph model cannot take a runtime grammar)"
    )


def _fst_input_symbols(handle: BinaryIO) -> set[str]:
    """The input symbol table of an OpenFst binary file (header, then the table)."""

    def read(fmt: str) -> tuple[Any, ...]:
        return struct.unpack(fmt, handle.read(struct.calcsize(fmt)))

    def string() -> str:
        (length,) = read("<i")
        return handle.read(length).decode("utf-8", "replace")

    (magic,) = read("<i")
    if magic != 2125659606:
        raise GrammarError("Gr.fst is not an OpenFst file")
    string(), string()  # fst type, arc type
    _version, flags = read("<ii")
    read("<Qqqq")  # properties, start, number of states, number of arcs
    if not flags & 1:
        raise GrammarError("Gr.fst carries no word table")
    read("<i")  # symbol table magic
    string()  # table name
    _available, size = read("<qq")
    words = set()
    for _ in range(size):
        words.add(string())
        read("<q")
    return words


def grammar_for(vocabulary: set[str]) -> tuple[dict[str, str], list[str]]:
    """(phrase in model words → answer text, missing words); every answer needs one phrase."""
    phrases: dict[str, str] = {}
    missing: list[str] = []
    for answer, alternatives in SPOKEN_PHRASES.items():
        usable = [alt for alt in alternatives if all(word in vocabulary for word in alt)]
        if usable:
            phrases[" ".join(usable[0])] = answer
        else:
            missing.extend(w for alt in alternatives for w in alt if w not in vocabulary)
    return phrases, sorted(set(missing))


@dataclass
class SpokenAnswers:
    """One shared Vosk model; a grammar recogniser per call."""

    model: Any  # vosk.Model
    phrases: dict[str, str]  # model words → 满意 / 基本满意 / 不满意

    @classmethod
    def load(cls, model_path: Path) -> SpokenAnswers:
        phrases, missing = grammar_for(model_vocabulary(model_path))
        if missing:
            raise GrammarError(
                f"the model at {model_path} lacks these words of the survey grammar: "
                f"{'、'.join(missing)} — spoken answers need a Chinese model "
                "(vosk-model-small-cn-0.22); keys 1/2/3 still work"
            )
        import vosk

        vosk.SetLogLevel(-1)
        return cls(vosk.Model(str(model_path)), phrases)

    def recognizer(self) -> Any:
        import vosk

        grammar = json.dumps([*self.phrases, "[unk]"], ensure_ascii=False)
        return vosk.KaldiRecognizer(self.model, 8000, grammar)

    def answer_text(self, result_json: str) -> str:
        text = json.loads(result_json).get("text", "").strip()
        return self.phrases.get(text, text.replace("[unk]", "").strip())


class _AudioTee:
    """Stands in the call's recorder slot: records and feeds the recogniser."""

    def __init__(self, recorder: CallRecorder | None, on_audio: Callable[[bytes], None]) -> None:
        self.recorder = recorder
        self.on_audio = on_audio

    def write(self, pcm: bytes) -> None:
        if self.recorder is not None:
            self.recorder.write(pcm)
        self.on_audio(pcm)

    def close(self) -> None:
        if self.recorder is not None:
            self.recorder.close()


_ENDING_DETAIL = {"no_response": "未作有效选择", "hung_up": "对方挂机"}

# --- the dialer -----------------------------------------------------------------------------------


@dataclass
class SurveyCallDialer:
    """Implements ticketing.followup.dialer.Dialer."""

    sip: SipDialer
    prompts: PromptCache
    target_for: Callable[[str], str]  # phone number → request URI
    recordings_dir: Path | None = None
    listen_seconds: float = 8.0
    max_call_seconds: float = 180.0
    spoken: SpokenAnswers | None = None
    clock: Clock = utc_now

    async def run_survey(self, request: SurveyRequest) -> SurveyOutcome:
        try:
            return await asyncio.wait_for(self._run(request), self.max_call_seconds)
        except TimeoutError:
            return SurveyOutcome("failed", detail=f"call longer than {self.max_call_seconds} s")
        except Exception as exc:  # the protocol promises a result, not an exception
            log.exception("survey call for job %s failed", request.job_id)
            return SurveyOutcome("failed", detail=f"{type(exc).__name__}: {exc}")

    async def _run(self, request: SurveyRequest) -> SurveyOutcome:
        record_to = None
        if self.recordings_dir is not None:
            name = f"followup-job{request.job_id}-{request.attempt}"
            record_to = recording_path(self.recordings_dir / "followup", name, self.clock())
        target = self.target_for(request.phone)
        call = await self.sip.dial(target, record_to=record_to)
        if call.outcome != "answered":
            status = f"SIP {call.status}" if call.status else "no final response"
            return SurveyOutcome(call.outcome, detail=status)  # type: ignore[arg-type]
        script = SurveyScript(
            summary=request.summary,
            result_text=request.result_text,
            opt_out_digit=request.opt_out_digit,
            prompts=request.prompts,
            listen_seconds=self.listen_seconds,
        )
        speech: asyncio.Queue[str] = asyncio.Queue()
        if self.spoken is not None:
            self._attach_recognizer(call, speech)
        channel = None
        try:
            actions: list[Action] = script.answered()
            early: list[str] = []  # keys that cut a question short (barge-in)
            while actions:
                following: list[Action] = []
                for index, action in enumerate(actions):
                    if isinstance(action, Play):
                        asks = any(isinstance(a, Listen) for a in actions[index + 1 :])
                        await self._play(call, action, early if asks else None)
                    elif isinstance(action, Listen):
                        following, heard_by = await self._listen(
                            call, script, speech, action, early
                        )
                        channel = heard_by or channel
                    elif isinstance(action, HangUp):
                        following = script.finished_speaking()
                if call.hung_up_by_peer.is_set():
                    following = script.hung_up()
                actions = following
        finally:
            if not call.hung_up_by_peer.is_set():
                await call.hangup()
            else:
                await call.close()
        return SurveyOutcome(
            "answered",
            answer=script.answer if script.ending == "answer" else None,
            opted_out=script.opted_out,
            ending=script.ending,
            heard=tuple(script.heard),
            detail={"no_response": "未作有效选择", "hung_up": "对方挂机"}.get(
                script.ending or "", ""
            ),
            recording_path=record_to,
            channel=channel,  # type: ignore[arg-type]
        )

    async def _play(self, call: OutboundCall, action: Play, early: list[str] | None) -> None:
        """Play the sentences; with `early`, a key press stops the question (kept there)."""
        if call.hung_up_by_peer.is_set():
            return
        pcm = await asyncio.to_thread(self.prompts.render_pcm, "".join(action.sentences))
        playing = asyncio.ensure_future(call.play(pcm))
        stoppers = {asyncio.ensure_future(call.hung_up_by_peer.wait())}
        key = asyncio.ensure_future(call.digits.get()) if early is not None else None
        if key is not None:
            stoppers.add(key)
        try:
            await asyncio.wait({playing, *stoppers}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (playing, *stoppers):
                if not task.done():
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
        if key is not None and early is not None and key.done() and not key.cancelled():
            early.append(key.result())

    async def _listen(
        self,
        call: OutboundCall,
        script: SurveyScript,
        speech: asyncio.Queue[str],
        action: Listen,
        early: list[str],
    ) -> tuple[list[Action], str | None]:
        """Wait for a key (also one pressed during the prompt), an answer, silence or BYE."""
        if early:
            return script.key(early.pop(0)), "dtmf"
        loop = asyncio.get_running_loop()
        end = loop.time() + action.seconds
        while True:
            remaining = end - loop.time()
            if call.hung_up_by_peer.is_set():
                return script.hung_up(), None
            if remaining <= 0:
                return script.silence(), None
            waiters = {
                asyncio.ensure_future(call.digits.get()): "dtmf",
                asyncio.ensure_future(speech.get()): "speech",
                asyncio.ensure_future(call.hung_up_by_peer.wait()): "bye",
            }
            done, pending = await asyncio.wait(
                waiters, timeout=remaining, return_when=asyncio.FIRST_COMPLETED
            )
            for task in pending:
                task.cancel()
            for task in done:
                kind = waiters[task]
                if kind == "dtmf":
                    return script.key(task.result()), "dtmf"
                if kind == "speech":
                    actions = script.spoken(task.result())
                    if actions:
                        return actions, "speech"

    def _attach_recognizer(self, call: OutboundCall, speech: asyncio.Queue[str]) -> None:
        assert self.spoken is not None
        recognizer = self.spoken.recognizer()
        loop = asyncio.get_running_loop()
        spoken = self.spoken

        def feed(pcm: bytes) -> None:
            # Small grammar: decoding a 0.1 s batch of frames is cheap enough for the loop thread.
            if recognizer.AcceptWaveform(pcm):
                text = spoken.answer_text(recognizer.Result())
                if text:
                    loop.call_soon(speech.put_nowait, text)

        recorder = call.recorder if isinstance(call.recorder, CallRecorder) else None
        call.recorder = _AudioTee(recorder, feed)


# --- wiring ---------------------------------------------------------------------------------------


def target_uri_factory(settings: Settings) -> Callable[[str], str]:
    """sip:NUMBER@proxy-host when a trunk/PBX is configured, else sip:NUMBER@sip.host."""
    proxy = settings.sip.outbound.proxy
    if proxy:
        host = proxy.split(":", 1)[1] if proxy.startswith("sip:") else proxy
        host = host.split(";", 1)[0]
    else:
        host = settings.sip.public_host or settings.sip.host
    return lambda number: f"sip:{number}@{host}"


def load_spoken_answers(settings: Settings) -> SpokenAnswers | None:
    """The grammar recogniser, or None (with the reason logged): keys always work."""
    if not settings.followup.spoken_answers:
        return None
    try:
        return SpokenAnswers.load(settings.asr.model_path)
    except (GrammarError, OSError) as exc:
        log.warning("follow-up: spoken answers off: %s", exc)
        return None
    except Exception as exc:  # vosk refuses the model (e.g. 8 kHz without allow-upsample)
        log.warning("follow-up: spoken answers off: vosk could not load the model: %s", exc)
        return None


async def build_survey_dialer(
    settings: Settings, *, spoken: SpokenAnswers | None = None, sip_port: int = 0
) -> SurveyCallDialer:
    out = settings.sip.outbound
    sip = SipDialer(
        DialerOptions(
            host=settings.sip.host,
            port=sip_port,
            public_host=settings.sip.public_host,
            proxy=out.proxy,
            from_user=out.from_user,
            username=out.username,
            password=out.password.get_secret_value() if out.password else None,
            rtp_port_min=settings.sip.rtp_port_min,
            rtp_port_max=settings.sip.rtp_port_max,
        )
    )
    await sip.start()
    return SurveyCallDialer(
        sip=sip,
        prompts=PromptCache(settings.storage.prompts_dir),
        target_for=target_uri_factory(settings),
        recordings_dir=settings.storage.recordings_dir,
        spoken=spoken,
    )


def build_followup_service(
    settings: Settings, database: Database, *, clock: Clock | None = None, node: str | None = None
) -> FollowupService:
    return FollowupService(
        engine=database.engine,
        tickets=DatabaseTicketPort(database),
        policy=policy_from_settings(settings),
        clock=clock or database.clock,
        node=node or socket.gethostname(),
        trigger=settings.followup.trigger_state,
        deadlines=DeadlinePolicy.from_settings(settings.deadlines),
    )


async def run_followup_scheduler(
    settings: Settings,
    database: Database,
    stop: asyncio.Event,
    *,
    dialer: Dialer | None = None,
    clock: Clock | None = None,
    node: str | None = None,
    interval_seconds: float = 30.0,
    max_concurrent_calls: int = 2,
) -> None:
    """Run the 回访 scheduler until `stop` is set (what `hotline serve` awaits).

    Builds the SIP survey dialer from settings unless one is given; a no-op
    when followup.enabled is false.
    """
    if not settings.followup.enabled:
        log.info("follow-up surveys disabled (followup.enabled: false)")
        return
    own: SurveyCallDialer | None = None
    if dialer is None:
        spoken = await asyncio.to_thread(load_spoken_answers, settings)
        own = dialer = await build_survey_dialer(settings, spoken=spoken)
    service = build_followup_service(settings, database, clock=clock, node=node)
    window = service.policy.window
    log.info(
        "follow-up scheduler running on node %s: after %s, calls %s–%s %s, spoken answers %s",
        service.node,
        service.trigger,
        window.start.strftime("%H:%M"),
        window.end.strftime("%H:%M"),
        window.timezone,
        "on" if getattr(dialer, "spoken", None) is not None else "off",
    )
    scheduler = FollowupScheduler(
        service,
        dialer,
        max_concurrent_calls=max_concurrent_calls,
        interval_seconds=interval_seconds,
    )
    try:
        await scheduler.run(stop)
    finally:
        if own is not None:
            await own.sip.close()


def followup_part(ctx: Any) -> Callable[[Any], AsyncIterator[None]]:
    """The aiohttp cleanup context `hotline serve` runs (ctx: hotline.serve.ServiceContext)."""

    async def part(app: Any) -> AsyncIterator[None]:
        stop = asyncio.Event()
        task = asyncio.create_task(
            run_followup_scheduler(ctx.settings, ctx.database, stop), name="followup-scheduler"
        )
        ctx.extras["followup_scheduler"] = task
        yield
        stop.set()
        try:
            await asyncio.wait_for(task, 60)
        except TimeoutError:
            task.cancel()
        except Exception:
            log.exception("follow-up scheduler ended with an error")

    return part
