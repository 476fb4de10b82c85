"""The survey call: ticketing's follow-up `Dialer` protocol on top of telephony.dialer.

`SurveyCallDialer.run_survey` dials through the configured trunk/PBX (digest
auth, early media and DTMF are telephony's job), then runs the sans-I/O
`SurveyScript`: plays espeak-ng prompts from the PromptCache, waits for a key
(RFC 4733 or SIP INFO) or, optionally, a spoken answer recognised by Vosk with
a three-phrase grammar (asr.grammar), and hangs up politely.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hotline.asr.grammar import SpokenAnswers
from hotline.telephony.dialer import Dialer as SipDialer
from hotline.telephony.dialer import OutboundCall
from hotline.telephony.prompts import PromptCache
from hotline.telephony.recording import CallRecorder, recording_path
from hotline.ticketing.deadlines import Clock, utc_now
from hotline.ticketing.followup.dialer import SurveyOutcome, SurveyRequest
from hotline.ticketing.followup.survey_script import (
    Action,
    HangUp,
    Listen,
    Play,
    SurveyScript,
)
from hotline.ticketing.web.metrics import SURVEY_OUTCOMES

log = logging.getLogger(__name__)


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


_ENDING_DETAIL = {
    "no_response": "未作有效选择",
    "hung_up": "对方挂机",
    "hung_up_prompt": "提问前对方挂机",
}


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
            outcome = await asyncio.wait_for(self._run(request), self.max_call_seconds)
        except TimeoutError:
            outcome = SurveyOutcome("failed", detail=f"call longer than {self.max_call_seconds} s")
        except Exception as exc:  # the protocol promises a result, not an exception
            log.exception("survey call for job %s failed", request.job_id)
            outcome = SurveyOutcome("failed", detail=f"{type(exc).__name__}: {exc}")
        # /metrics: answered calls by how they ended (hung_up_prompt: before the question).
        SURVEY_OUTCOMES.labels(outcome=outcome.ending or outcome.outcome).inc()
        return outcome

    async def _run(self, request: SurveyRequest) -> SurveyOutcome:
        record_to = None
        if self.recordings_dir is not None:
            name = f"followup-job{request.job_id}-{request.attempt}"
            record_to = recording_path(self.recordings_dir / "followup", name, self.clock())
        target = self.target_for(request.phone)
        call = await self.sip.dial(target, record_to=record_to)
        if call.not_dialled:  # e.g. the target is our own listener: no INVITE went out
            return SurveyOutcome("failed", detail=f"未拨出：{call.error}")
        if call.outcome != "answered":
            status = f"SIP {call.status}" if call.status else "no final response"
            return SurveyOutcome(call.outcome, detail=status)  # type: ignore[arg-type]
        script = SurveyScript(
            summary=request.summary,
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
                        if asks and not call.hung_up_by_peer.is_set():
                            script.prompt_played()  # the caller heard the question
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
            detail=_ENDING_DETAIL.get(script.ending or "", ""),
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
