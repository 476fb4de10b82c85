"""SRTP with SDES keys (RFC 4568): the a=crypto grammar, the offer/answer rules per policy,
and the real listener over raw sockets — a caller that speaks SRTP (libsrtp through
pylibsrtp, used directly here as the far end) is recorded, and forged, unauthenticated
or replayed packets from the caller's own address are dropped, counted and never
recorded."""

from __future__ import annotations

import asyncio
import base64
import secrets
import struct
import wave
from pathlib import Path

import numpy as np
import pytest
from hotline.telephony.events import CallFinished
from hotline.telephony.rtp.srtp import Crypto, SrtpContext, SrtpKeys, parse_crypto
from hotline.telephony.sdp import SdpError, SdpSession, negotiate, parse_sdp
from pylibsrtp import Error, Policy, Session

from tests.telephony.raw_uac import (
    RawUac,
    alaw_payload,
    drain,
    packets_found,
    rtp_packet,
    sdp_media_port,
    sockets,
    tone,
)

pytestmark = pytest.mark.timeout(120)
SUITE_80 = "AES_CM_128_HMAC_SHA1_80"
PROFILES = {
    SUITE_80: Policy.SRTP_PROFILE_AES128_CM_SHA1_80,
    "AES_CM_128_HMAC_SHA1_32": Policy.SRTP_PROFILE_AES128_CM_SHA1_32,
}


def inline(key: bytes) -> str:
    return "inline:" + base64.b64encode(key).decode()


def offer_sdp(profile: str, crypto_lines: str = "") -> bytes:
    return (
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        f"m=audio 40000 {profile} 8 101\r\na=rtpmap:8 PCMA/8000\r\n"
        f"a=rtpmap:101 telephone-event/8000\r\n{crypto_lines}a=sendrecv\r\n"
    ).encode()


def crypto_of(sdp: bytes) -> list[str]:
    return [line[len("a=crypto:") :] for line in sdp.decode().splitlines() if "crypto" in line]


# ---- the attribute and the offer/answer rules (no I/O) -------------------------------


def test_crypto_attribute_grammar() -> None:
    key = secrets.token_bytes(30)
    good = parse_crypto(f"1 {SUITE_80} {inline(key)}")
    assert good == Crypto(1, SUITE_80, key)
    assert parse_crypto(f"7 AES_CM_128_HMAC_SHA1_32 {inline(key)}|2^20") is not None
    for unusable in (
        f"1 AES_256_CM_HMAC_SHA1_80 {inline(key)}",  # a suite we do not offer
        f"1 {SUITE_80} {inline(key)}|2^20|1:4",  # MKI
        f"1 {SUITE_80} {inline(key)};{inline(key)}",  # several keys
        f"1 {SUITE_80} {inline(key)} UNENCRYPTED_SRTP",  # session parameters
        f"1 {SUITE_80} {inline(key[:20])}",  # short key
        f"1 {SUITE_80} inline:not*base64",
        f"x {SUITE_80} {inline(key)}",
    ):
        assert parse_crypto(unusable) is None, unusable


def test_answer_uses_the_first_usable_offer_and_our_own_key() -> None:
    theirs = secrets.token_bytes(30)
    offer = parse_sdp(
        offer_sdp(
            "RTP/SAVP",
            f"a=crypto:1 AES_256_CM_HMAC_SHA1_80 {inline(secrets.token_bytes(46))}\r\n"
            f"a=crypto:2 AES_CM_128_HMAC_SHA1_32 {inline(theirs)}\r\n",
        )
    )
    negotiated = negotiate(offer, "optional")
    assert negotiated.srtp is not None
    assert negotiated.srtp.remote == Crypto(2, "AES_CM_128_HMAC_SHA1_32", theirs)
    sdp = SdpSession("127.0.0.1", 20000)
    answer = sdp.answer(negotiated)
    assert b"m=audio 20000 RTP/SAVP 8 101" in answer
    (line,) = crypto_of(answer)
    ours = parse_crypto(line)
    assert ours is not None and (ours.tag, ours.suite) == (2, "AES_CM_128_HMAC_SHA1_32")
    assert ours.key != theirs
    # A re-offer with the same suite keeps our key (no re-keying of what we send).
    again = sdp.negotiate(offer_sdp("RTP/SAVP", f"a=crypto:2 {ours.suite} {inline(theirs)}\r\n"))
    assert again.srtp is not None and again.srtp.local.key == ours.key


def test_policy_decides_plain_and_secure_offers() -> None:
    plain = parse_sdp(offer_sdp("RTP/AVP"))
    secure = parse_sdp(offer_sdp("RTP/SAVP", f"a=crypto:1 {SUITE_80} {inline(bytes(30))}\r\n"))
    assert negotiate(plain, "optional").srtp is None
    assert negotiate(plain, "off").srtp is None
    assert negotiate(secure, "required").srtp is not None
    with pytest.raises(SdpError, match="required"):
        negotiate(plain, "required")
    with pytest.raises(SdpError, match="not accepted"):
        negotiate(secure, "off")
    with pytest.raises(SdpError, match="no usable a=crypto"):
        negotiate(parse_sdp(offer_sdp("RTP/SAVP")), "optional")
    with pytest.raises(SdpError, match="not supported"):
        parse_sdp(offer_sdp("UDP/TLS/RTP/SAVP"))


def test_our_offer_and_the_answer_to_it() -> None:
    sdp = SdpSession("127.0.0.1", 20000, "required")
    offer = sdp.offer()
    assert b"RTP/SAVP" in offer
    offered = [parse_crypto(line) for line in crypto_of(offer)]
    assert [c.suite for c in offered if c] == list(PROFILES)
    theirs = secrets.token_bytes(30)
    negotiated = sdp.negotiate(
        offer_sdp("RTP/SAVP", f"a=crypto:2 AES_CM_128_HMAC_SHA1_32 {inline(theirs)}\r\n")
    )
    assert negotiated.srtp is not None
    assert negotiated.srtp.local == offered[1]
    assert negotiated.srtp.remote.key == theirs
    sdp.offer()
    with pytest.raises(SdpError, match="matches none"):  # a tag we never offered
        sdp.negotiate(offer_sdp("RTP/SAVP", f"a=crypto:9 {SUITE_80} {inline(theirs)}\r\n"))
    sdp.offer()
    with pytest.raises(SdpError, match="required"):  # a plain answer to a secure offer
        sdp.negotiate(offer_sdp("RTP/AVP"))
    assert b"RTP/AVP" in SdpSession("127.0.0.1", 1, "optional").offer()


@pytest.mark.parametrize("suite", list(PROFILES))
def test_context_round_trip_and_rejection(suite: str) -> None:
    a, b = Crypto(1, suite, secrets.token_bytes(30)), Crypto(1, suite, secrets.token_bytes(30))
    ours, peers = SrtpContext(SrtpKeys(a, b)), SrtpContext(SrtpKeys(b, a))
    packet = rtp_packet(1, 160, 0x1234, alaw_payload(tone(0.02, 440)))
    protected = ours.protect(packet)
    assert protected[12:172] != packet[12:172]  # encrypted
    assert peers.unprotect(protected) == packet
    assert peers.unprotect(protected) is None  # a replay
    forged = bytearray(ours.protect(rtp_packet(2, 320, 0x1234, packet[12:])))
    forged[-1] ^= 1
    assert peers.unprotect(bytes(forged)) is None
    assert peers.unprotect(rtp_packet(3, 480, 0x1234, packet[12:])) is None  # no tag at all
    assert peers.rejected == 3


# ---- the real listener over raw sockets ----------------------------------------------


async def test_negotiation_on_the_wire_per_policy(listener_factory) -> None:
    """required: a plain offer gets 488; off: a secure one gets 488; optional: both
    answered, each in its own profile."""
    key = inline(secrets.token_bytes(30))
    secure = {"profile": "RTP/SAVP", "media": f"a=crypto:1 {SUITE_80} {key}\r\n"}
    cases = [
        ("required", {}, 488, None),
        ("required", secure, 200, "RTP/SAVP"),
        ("off", secure, 488, None),
        ("off", {}, 200, "RTP/AVP"),
        ("optional", {}, 200, "RTP/AVP"),
        ("optional", secure, 200, "RTP/SAVP"),
    ]
    for policy, sdp, status, profile in cases:
        async with listener_factory(greeting_pcm=b"", srtp=policy) as harness:
            with sockets("127.0.0.1") as (rtp_sock,):
                uac = await RawUac(("127.0.0.1", harness.port)).open()
                try:
                    uac.send_invite(rtp_sock.getsockname(), **sdp)
                    final = await uac.final_response()
                    assert final is not None and final.status == status, (policy, sdp, final)
                    if status == 200:
                        uac.ack()
                        assert f"m=audio {sdp_media_port(final)} {profile} " in final.body.decode()
                        assert bool(crypto_of(final.body)) == (profile == "RTP/SAVP")
                        uac.bye()
                        await harness.finished(timeout=20)
                finally:
                    uac.close()


def read_recording(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")


async def test_srtp_call_is_recorded_and_forgeries_are_not(listener_factory) -> None:
    our_key = secrets.token_bytes(30)
    genuine = [alaw_payload(tone(1.0, 440)[o : o + 320]) for o in range(0, 16000, 320)]
    forged = [alaw_payload(tone(1.0, 1300)[o : o + 320]) for o in range(0, 16000, 320)]
    async with listener_factory(srtp="required") as harness:
        with sockets("127.0.0.1") as (rtp_sock,):
            uac = await RawUac(("127.0.0.1", harness.port)).open()
            try:
                uac.send_invite(
                    rtp_sock.getsockname(),
                    profile="RTP/SAVP",
                    media=f"a=crypto:1 {SUITE_80} {inline(our_key)}\r\n",
                )
                ok = await uac.final_response()
                assert ok is not None and ok.status == 200
                uac.ack()
                (answer,) = crypto_of(ok.body)
                theirs = parse_crypto(answer)
                assert theirs is not None and theirs.tag == 1

                def session(key: bytes, ssrc_type: int) -> Session:
                    return Session(Policy(key, ssrc_type, 0, PROFILES[SUITE_80]))

                tx = session(our_key, Policy.SSRC_ANY_OUTBOUND)
                rx = session(theirs.key, Policy.SSRC_ANY_INBOUND)
                wrong = session(secrets.token_bytes(30), Policy.SSRC_ANY_OUTBOUND)
                tampered = session(our_key, Policy.SSRC_ANY_OUTBOUND)  # right key, bad tag
                target = ("127.0.0.1", sdp_media_port(ok))
                ssrc = 0x51A7
                for i, payload in enumerate(genuine):
                    packet = tx.protect(rtp_packet(1000 + i, 160 * i, ssrc, payload))
                    rtp_sock.sendto(packet, target)
                    # From the caller's own address and stream: plain RTP, a wrong key,
                    # a flipped tag and a replay of the genuine packet with new audio.
                    fake = rtp_packet(1000 + i, 160 * i, ssrc, forged[i])
                    rtp_sock.sendto(fake, target)
                    rtp_sock.sendto(wrong.protect(fake), target)
                    flipped = bytearray(tampered.protect(fake))
                    flipped[-2] ^= 0x40
                    rtp_sock.sendto(bytes(flipped), target)
                    rtp_sock.sendto(packet, target)
                    await asyncio.sleep(0.02)
                # RTCP (port + 1) is SRTCP too: a protected receiver report is read, the same
                # report in the clear is refused.
                report = struct.pack("!BBHI", 0x80, 201, 1, ssrc)
                rtp_sock.sendto(tx.protect_rtcp(report), (target[0], target[1] + 1))
                rtp_sock.sendto(report, (target[0], target[1] + 1))
                await asyncio.sleep(0.3)
                (call,) = harness.listener.calls.values()
                assert call.rtp is not None
                rejected = call.rtp.stats.srtp_rejected
                assert call.rtp.stats.rtcp_received == 1
                # What the listener sends (its greeting) is SRTP under its answered key.
                sent = [p for p in drain(rtp_sock) if len(p) > 12]
                assert sent
                plain = [rx.unprotect(p) for p in sent]
                assert all(len(p) == len(s) - 10 for p, s in zip(plain, sent, strict=True))
                with pytest.raises(Error):
                    rx.unprotect(sent[0])  # replayed: libsrtp remembers it
                uac.bye()
                (finished,) = await harness.finished(timeout=20)
            finally:
                uac.close()
    assert isinstance(finished, CallFinished)
    assert rejected == 4 * len(genuine) + 1
    recording = read_recording(finished.recording_path)
    assert packets_found(recording, genuine) == len(set(genuine))
    assert packets_found(recording, forged) == 0


def reinvite(uac: RawUac, rtp: tuple[str, int], key: bytes, cseq: int) -> None:
    """A re-INVITE in the call's dialog offering SRTP with `key` (RawUac has no re-INVITE)."""
    sdp = (
        f"v=0\r\no=- 1 {cseq} IN IP4 {rtp[0]}\r\ns=-\r\nc=IN IP4 {rtp[0]}\r\nt=0 0\r\n"
        f"m=audio {rtp[1]} RTP/SAVP 8 101\r\na=rtpmap:8 PCMA/8000\r\n"
        f"a=rtpmap:101 telephone-event/8000\r\na=crypto:1 {SUITE_80} {inline(key)}\r\n"
        "a=sendrecv\r\n"
    ).encode()
    uac._send(
        f"INVITE {uac._target()} SIP/2.0\n"
        + uac._common("INVITE", cseq, uac._dialog_to())
        + f"Content-Type: application/sdp\nContent-Length: {len(sdp)}\n",
        sdp,
    )


def ack_reinvite(uac: RawUac, cseq: int) -> None:
    uac._send(
        f"ACK {uac._target()} SIP/2.0\n"
        + uac._common("ACK", cseq, uac._dialog_to())
        + "Content-Length: 0\n"
    )
    uac._cseq = cseq  # the BYE comes after


async def test_reinvite_keeps_our_key_and_takes_the_callers_new_one(listener_factory) -> None:
    """Same key again (hold/refresh): nothing changes. A new caller key: packets under it
    are recorded, packets under the old one are refused. Our key stays the same."""
    first, second = secrets.token_bytes(30), secrets.token_bytes(30)
    audio = [alaw_payload(tone(1.0, f)[:320]) for f in (300, 500, 700, 900)]
    async with listener_factory(greeting_pcm=b"", srtp="required") as harness:
        with sockets("127.0.0.1") as (rtp_sock,):
            uac = await RawUac(("127.0.0.1", harness.port)).open()
            try:
                media = f"a=crypto:1 {SUITE_80} {inline(first)}\r\n"
                uac.send_invite(rtp_sock.getsockname(), profile="RTP/SAVP", media=media)
                ok = await uac.final_response()
                assert ok is not None and ok.status == 200
                uac.ack()
                target = ("127.0.0.1", sdp_media_port(ok))
                sessions = {
                    k: Session(Policy(k, Policy.SSRC_ANY_OUTBOUND, 0, PROFILES[SUITE_80]))
                    for k in (first, second)
                }
                sequence = iter(range(2000, 3000))

                async def send(key: bytes, payload: bytes) -> None:
                    for _ in range(10):
                        n = next(sequence)
                        packet = rtp_packet(n, 160 * n, 0xABC, payload)
                        rtp_sock.sendto(sessions[key].protect(packet), target)
                        await asyncio.sleep(0.02)

                await send(first, audio[0])
                keys = [crypto_of(ok.body)[0]]
                for cseq, key in ((2, first), (3, second)):
                    reinvite(uac, rtp_sock.getsockname(), key, cseq)
                    answer = await uac.final_response()
                    assert answer is not None and answer.status == 200
                    ack_reinvite(uac, cseq)
                    keys.append(crypto_of(answer.body)[0])
                    await send(key, audio[cseq - 1])
                await send(first, audio[3])  # the caller's old key: no longer accepted
                await asyncio.sleep(0.3)
                (call,) = harness.listener.calls.values()
                assert call.rtp is not None
                rejected = call.rtp.stats.srtp_rejected
                uac.bye()
                (finished,) = await harness.finished(timeout=20)
            finally:
                uac.close()
    assert len(set(keys)) == 1  # our key never changed
    assert rejected == 10
    recording = read_recording(finished.recording_path)
    assert [packets_found(recording, [a]) for a in audio] == [1, 1, 1, 0]


def test_early_media_answer_then_the_same_answer_in_the_200() -> None:
    """The dialer sees the answer twice (183 early media, then 200): the same keys both
    times, and the offer closes only with the final one. A plain offer cannot be
    answered with RTP/SAVP."""
    sdp = SdpSession("127.0.0.1", 20000, "required")
    ours = [parse_crypto(line) for line in crypto_of(sdp.offer())]
    answer = offer_sdp("RTP/SAVP", f"a=crypto:1 {SUITE_80} {inline(secrets.token_bytes(30))}\r\n")
    early = sdp.accept_answer(answer, final=False)
    final = sdp.accept_answer(answer)
    assert early.srtp == final.srtp and final.srtp is not None
    assert final.srtp.local == ours[0]
    assert sdp.offered == ()  # a later SDP from the callee is a new offer
    plain = SdpSession("127.0.0.1", 20000, "optional")
    plain.offer()
    with pytest.raises(SdpError, match="RTP/SAVP answer to our RTP/AVP offer"):
        plain.accept_answer(answer)
