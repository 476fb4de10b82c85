"""Real SIP peers for the survey tests: sipp UAS scenarios and a Kamailio auth proxy."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

DTMF_PCAP = "/usr/share/sip-tester/dtmf_2833_{}.pcap"
G711_PCAP = "/usr/share/sip-tester/g711a.pcap"
KAMAILIO = shutil.which("kamailio")
KAMAILIO_MODULES = "/usr/lib/x86_64-linux-gnu/kamailio/modules"

_HEAD = '<?xml version="1.0" encoding="ISO-8859-1" ?>\n<scenario name="{name}">\n'
_REPLY = """SIP/2.0 {status}
[last_Via:]
[last_From:]
[last_To:]{tag}
[last_Call-ID:]
{cseq}{record_route}
Contact: <sip:[local_ip]:[local_port];transport=[transport]>
{extra}"""
_SDP = """Content-Type: application/sdp
Content-Length: [len]

v=0
o=uas 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 8 101
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
"""
_TAG = ";tag=[pid]SIPpTag01[call_number]"


def _send(
    status: str,
    *,
    sdp: bool = False,
    tag: bool = True,
    cseq: str = "[last_CSeq:]",
    record_route: bool = False,
) -> str:
    body = _REPLY.format(
        status=status,
        tag=_TAG if tag else "",
        cseq=cseq,
        # A UAS copies Record-Route into its 2xx (RFC 3261 §12.1.1): the caller's route set.
        # sipp drops the line when the INVITE had none.
        record_route="\n[last_Record-Route:]" if record_route else "",
        extra=_SDP if sdp else "Content-Length: 0\n",
    )
    retrans = ' retrans="500"' if status.startswith("200") and sdp else ""
    return f"  <send{retrans}><![CDATA[\n{body}\n]]></send>\n"


def _recv_invite(keep_cseq: bool = False) -> str:
    if not keep_cseq:
        return '  <recv request="INVITE" crlf="true"/>\n'
    # Keep the INVITE's CSeq number for the 487 sent after CANCEL.
    return (
        '  <recv request="INVITE" crlf="true"><action>'
        '<ereg regexp="[0-9]+" search_in="hdr" header="CSeq:" assign_to="cs"/>'
        "</action></recv>\n"
    )


def answer_then_keys(*keys: str, gap_ms: int = 1500, speak: bool = False) -> str:
    """Answer (180, 200 with PCMA + telephone-event), press `keys` as RFC 2833 events
    replayed from Debian's captures, then wait for our BYE. `speak` also sends 7 s of
    G.711 audio (something for the recording)."""
    xml = _HEAD.format(name="answer and press keys") + _recv_invite()
    xml += _send("180 Ringing") + _send("200 OK", sdp=True, record_route=True)
    xml += '  <recv request="ACK" crlf="true"/>\n'
    if speak:
        xml += f'  <nop><action><exec play_pcap_audio="{G711_PCAP}"/></action></nop>\n'
    for key in keys:
        xml += f'  <pause milliseconds="{gap_ms}"/>\n'
        xml += f'  <nop><action><exec play_pcap_audio="{DTMF_PCAP.format(key)}"/></action></nop>\n'
    xml += '  <recv request="BYE" timeout="90000"/>\n' + _send("200 OK", tag=False)
    return xml + "</scenario>\n"


def reject(status: str = "486 Busy Here") -> str:
    xml = _HEAD.format(name=f"reject {status}") + _recv_invite()
    xml += _send("100 Trying", tag=False) + _send(status)
    xml += '  <recv request="ACK" crlf="true"/>\n'
    return xml + "</scenario>\n"


def ring_until_cancel() -> str:
    """Rings and never answers: our ring timeout sends CANCEL; 200 to it, 487 to the INVITE."""
    xml = _HEAD.format(name="ring without answer") + _recv_invite(keep_cseq=True)
    xml += _send("180 Ringing")
    xml += '  <recv request="CANCEL" timeout="90000"/>\n'
    xml += _send("200 OK", tag=True)
    xml += _send("487 Request Terminated", cseq="CSeq: [$cs] INVITE")
    # The INVITE transaction must ACK the 487 (RFC 3261 §17.1.1.3): without it sipp fails.
    xml += '  <recv request="ACK" timeout="30000"/>\n'
    return xml + "</scenario>\n"


def kamailio_cfg(port: int, uas_port: int, *, user: str, password: str, realm: str) -> str:
    """A proxy that demands digest credentials (407) for INVITEs and relays to the sipp UAS."""
    return f"""#!KAMAILIO
debug=2
log_stderror=yes
children=1
disable_tcp=yes
auto_aliases=no
listen=udp:127.0.0.1:{port}
alias="127.0.0.1:{port}"
mpath="{KAMAILIO_MODULES}/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "siputils.so"
loadmodule "textops.so"
loadmodule "xlog.so"
loadmodule "auth.so"
modparam("auth", "nonce_expire", 300)

request_route {{
    if (!mf_process_maxfwd_header("10")) {{ sl_send_reply("483", "Too Many Hops"); exit; }}
    if (has_totag()) {{
        xlog("L_INFO", "in-dialog $rm to $ru\\n");
        if (loose_route()) {{ t_relay(); exit; }}
        if (is_method("ACK")) {{ if (t_check_trans()) {{ t_relay(); }} exit; }}
        sl_send_reply("404", "Not here");
        exit;
    }}
    if (is_method("CANCEL")) {{ if (t_check_trans()) {{ t_relay(); }} exit; }}
    if (!is_method("INVITE")) {{ sl_send_reply("405", "Method Not Allowed"); exit; }}
    if ($au != "{user}" || !pv_proxy_authenticate("{realm}", "{password}", "0")) {{
        xlog("L_INFO", "challenging INVITE from $fu\\n");
        proxy_challenge("{realm}", "1");
        exit;
    }}
    xlog("L_INFO", "authenticated $au: relaying\\n");
    consume_credentials();
    record_route();
    $du = "sip:127.0.0.1:{uas_port}";
    t_relay();
}}

onreply_route {{
    xlog("L_INFO", "reply $rs for $rm\\n");
}}
"""


@contextlib.asynccontextmanager
async def kamailio(workdir: Path, cfg: str) -> AsyncIterator[Path]:
    """Run Kamailio in the foreground with `cfg`; yields its log file."""
    assert KAMAILIO is not None
    workdir.mkdir(parents=True, exist_ok=True)
    cfg_file = workdir / "kamailio.cfg"
    cfg_file.write_text(cfg)
    log_file = workdir / "kamailio.log"
    check = await asyncio.create_subprocess_exec(
        KAMAILIO,
        "-c",
        "-f",
        str(cfg_file),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await check.communicate()
    assert check.returncode == 0, out.decode(errors="replace")
    with open(log_file, "wb") as log:
        proc = await asyncio.create_subprocess_exec(
            KAMAILIO,
            "-DD",
            "-E",
            "-f",
            str(cfg_file),
            "-Y",
            str(workdir),
            "-P",
            str(workdir / "kamailio.pid"),
            stdout=log,
            stderr=log,
        )
        try:
            # Kamailio logs this when its UDP socket is set up; wait for it, not a fixed time.
            for _ in range(600):
                if b"SO_RCVBUF is finally" in log_file.read_bytes():
                    break
                if proc.returncode is not None:
                    break
                await asyncio.sleep(0.05)
            assert proc.returncode is None, log_file.read_text(errors="replace")
            yield log_file
        finally:
            if proc.returncode is None:
                proc.terminate()
                try:
                    await asyncio.wait_for(proc.wait(), 10)
                except TimeoutError:
                    proc.kill()
                    await proc.wait()
