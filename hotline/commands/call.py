"""`hotline call SIP-URI --wav FILE [--dtmf DIGITS]`: a small built-in caller."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from hotline.telephony.dialer import DialerOptions

# Exit codes: 0 answered, 2 bad usage, 3 busy, 4 no answer, 5 failed.
EXIT_CODES = {"answered": 0, "busy": 3, "no_answer": 4, "failed": 5}


@click.command("call")
@click.argument("uri")
@click.option(
    "--wav",
    "wav",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="Audio to play once answered (any WAV; resampled to 8 kHz).",
)
@click.option("--dtmf", default="", help="Digits to send (RFC 4733) after the audio.")
@click.option("--proxy", default=None, help="Outbound proxy URI, e.g. sip:127.0.0.1:5060.")
@click.option("--user", "username", default=None, help="Digest user name for 401/407.")
@click.option(
    "--password",
    default=None,
    envvar="HOTLINE_SIP_PASSWORD",
    help="Digest password (or HOTLINE_SIP_PASSWORD).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Local address to use.")
@click.option("--tcp", is_flag=True, help="Use TCP for SIP.")
@click.option(
    "--record",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Record what the far end sends to this WAV.",
)
@click.option("--ring-timeout", default=45.0, show_default=True, help="Seconds to wait for answer.")
def call(
    uri: str,
    wav: Path,
    dtmf: str,
    proxy: str | None,
    username: str | None,
    password: str | None,
    host: str,
    tcp: bool,
    record: Path | None,
    ring_timeout: float,
) -> None:
    """Dial URI, play the WAV, send the digits, hang up; exit code tells the outcome."""
    from hotline.telephony.audio import AudioFileError
    from hotline.telephony.dialer import DialerOptions
    from hotline.telephony.prompts import read_wav_8k

    if not uri.startswith(("sip:", "sips:")):
        click.echo(f"错误: {uri!r} is not a SIP URI (sip:user@host[:port])", err=True)
        sys.exit(2)
    bad = [d for d in dtmf if d not in "0123456789*#ABCD"]
    if bad:
        click.echo(f"错误: invalid DTMF digits {''.join(bad)!r}", err=True)
        sys.exit(2)
    try:
        pcm = read_wav_8k(wav)
    except (AudioFileError, OSError) as exc:
        click.echo(f"错误: {exc}", err=True)
        sys.exit(2)
    options = DialerOptions(
        host=host,
        transport="tcp" if tcp else "udp",
        proxy=proxy,
        username=username,
        password=password,
        ring_timeout=ring_timeout,
    )
    outcome, status, error = asyncio.run(_call(uri, pcm, dtmf, record, options))
    if error:
        click.echo(f"错误: {error}", err=True)
    click.echo(f"outcome: {outcome}" + (f" ({status})" if status else ""))
    sys.exit(EXIT_CODES[outcome])


async def _call(
    uri: str, pcm: bytes, dtmf: str, record: Path | None, options: DialerOptions
) -> tuple[str, int | None, str | None]:
    from hotline.telephony.dialer import Dialer

    dialer = Dialer(options)
    await dialer.start()
    try:
        outbound = await dialer.dial(uri, record_to=record)
        if outbound.outcome == "answered":
            await outbound.play(pcm)
            if dtmf:
                await outbound.send_dtmf(dtmf)
            await outbound.hangup()
        return outbound.outcome, outbound.status, outbound.error
    finally:
        await dialer.close()
