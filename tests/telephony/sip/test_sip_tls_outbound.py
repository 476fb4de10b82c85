"""TLS to the outbound proxy: the dialer reaches Kamailio (its tls module, a certificate
from a CA made here with `cryptography`) over TLS — `sips:` proxy URI or transport tls —
checks the certificate against `tls_ca_file`, and Kamailio relays to baresip, which
answers with mandatory SRTP. A certificate from another CA, or for another name, is
refused before any INVITE goes out."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from hotline.telephony.dialer import Dialer, DialerOptions

from tests.fixtures.baresip import needs_baresip
from tests.fixtures.common import free_port
from tests.fixtures.kamailio import kamailio, needs_kamailio
from tests.fixtures.sip import tone_pcm
from tests.telephony.srtp_peers import baresip_answering_srtp, samples, similarity, tone_wav

KAMAILIO_TLS = Path("/usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so")
pytestmark = [
    needs_kamailio,
    pytest.mark.skipif(not KAMAILIO_TLS.exists(), reason="kamailio-tls-modules not installed"),
    pytest.mark.timeout(120),
]

TLS_PROXY = """#!KAMAILIO
debug=2
log_stderror=yes
children=1
tcp_children=1
auto_aliases=no
enable_tls=yes
listen=udp:127.0.0.1:{port}
listen=tls:127.0.0.1:{tls_port}
loadmodule "ctl.so"
modparam("ctl", "binrpc", "unix:{ctl}")
loadmodule "tls.so"
modparam("tls", "config", "{tls_cfg}")
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "siputils.so"
loadmodule "textops.so"
loadmodule "xlog.so"
request_route {{
    if (!mf_process_maxfwd_header("10")) {{ sl_send_reply("483", "Too Many Hops"); exit; }}
    if (has_totag()) {{
        if (loose_route()) {{ t_relay(); exit; }}
        if (is_method("ACK")) {{ if (t_check_trans()) {{ t_relay(); }} exit; }}
        sl_send_reply("404", "Not here");
        exit;
    }}
    if (is_method("CANCEL")) {{ if (t_check_trans()) {{ t_relay(); }} exit; }}
@RELAY@    record_route();
    t_relay();
}}
"""


def tls_proxy(relay: str) -> str:
    """Kamailio with UDP and TLS sockets; new requests run `relay` (route lines setting $du
    and maybe refusing some), then are record-routed and relayed; in-dialog ones follow the
    route set."""
    return TLS_PROXY.replace("@RELAY@", relay)


# The outbound proxy of the dialer: INVITEs only over TLS, on to the UAS at {uas_port}.
OUTBOUND_PROXY = tls_proxy(
    """    if (proto != TLS) {{ sl_send_reply("403", "TLS only"); exit; }}
    xlog("L_INFO", "INVITE over TLS from $si:$sp\\n");
    $du = "sip:127.0.0.1:{uas_port}";
"""
)

TLS_CFG = """[server:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
private_key = {key}
certificate = {cert}

[client:default]
verify_certificate = no
require_certificate = no
"""


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def make_ca(folder: Path, name: str) -> tuple[Path, x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )  # fmt: skip
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    path = folder / f"{name}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path, cert, key


def make_server_cert(
    folder: Path, ca: x509.Certificate, ca_key: ec.EllipticCurvePrivateKey, names: list[str]
) -> tuple[Path, Path]:
    """A proxy certificate signed by `ca` for `names` (IP addresses or DNS names)."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    alt: list[x509.GeneralName] = []
    for name in names:
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alt.append(x509.DNSName(name))
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    cert_path, key_path = folder / "proxy.crt", folder / "proxy.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(_pem_key(key))
    return cert_path, key_path


def tls_proxy_files(tmp_path: Path, names: list[str]) -> tuple[Path, Path]:
    """(the CA file the dialer trusts, Kamailio's tls.cfg with a certificate for `names`)."""
    ca_path, ca, ca_key = make_ca(tmp_path, "hotline-test-ca")
    cert, key = make_server_cert(tmp_path, ca, ca_key, names)
    tls_cfg = tmp_path / "tls.cfg"
    tls_cfg.write_text(TLS_CFG.format(key=key, cert=cert))
    return ca_path, tls_cfg


@needs_baresip
@pytest.mark.parametrize("how", ["sips", "transport"])
async def test_dialer_over_tls_through_kamailio_to_baresip(tmp_path: Path, how: str) -> None:
    ca_file, tls_cfg = tls_proxy_files(tmp_path, ["127.0.0.1", "localhost"])
    wav = tone_wav(tmp_path / "tone.wav", 4, 523)
    tls_port = free_port()
    async with (
        baresip_answering_srtp(tmp_path / "baresip", wav) as uas_port,
        kamailio(
            tmp_path / "kamailio",
            OUTBOUND_PROXY,
            tls_port=tls_port,
            tls_cfg=tls_cfg,
            uas_port=uas_port,
        ) as kam,
    ):
        if how == "sips":
            options = DialerOptions(proxy=f"sips:localhost:{tls_port}")
        else:
            options = DialerOptions(proxy=f"sip:127.0.0.1:{tls_port}", transport="tls")
        options.tls_ca_file, options.srtp = ca_file, "required"
        options.trusted_media = ["127.0.0.0/8"]
        dialer = Dialer(options)
        await dialer.start()
        try:
            call = await dialer.dial(
                f"sip:callee@127.0.0.1:{uas_port}", record_to=tmp_path / "heard.wav"
            )
            assert call.outcome == "answered", (call.status, call.error, kam.log_text()[-2000:])
            assert call.dialog is not None and call.dialog.route_set  # through the proxy
            await call.play(tone_pcm(1.5, 440))
            if how == "sips":  # our BYE over TLS through the proxy's Record-Route
                await asyncio.sleep(0.3)
                await call.hangup()
                assert call.bye_status == 200
            else:  # baresip's BYE when its WAV ends: back on our TLS connection
                await asyncio.wait_for(call.hung_up_by_peer.wait(), 20)
                await call.close()
        finally:
            await dialer.close()
        assert "INVITE over TLS" in kam.log_text()
    heard = samples(tmp_path / "heard.wav")
    assert similarity(heard, samples(wav)[:4000]) > 0.9


@pytest.mark.parametrize("problem", ["other CA", "other name"])
async def test_untrusted_proxy_certificate_is_refused(tmp_path: Path, problem: str) -> None:
    names = ["proxy.example"] if problem == "other name" else ["127.0.0.1"]
    ca_file, tls_cfg = tls_proxy_files(tmp_path, names)
    if problem == "other CA":
        ca_file, _, _ = make_ca(tmp_path, "someone-else")
    tls_port = free_port()
    async with kamailio(
        tmp_path / "kamailio", OUTBOUND_PROXY, tls_port=tls_port, tls_cfg=tls_cfg, uas_port=9
    ) as kam:
        dialer = Dialer(DialerOptions(proxy=f"sips:127.0.0.1:{tls_port}", tls_ca_file=ca_file))
        await dialer.start()
        try:
            call = await dialer.dial("sip:callee@127.0.0.1")
        finally:
            await dialer.close()
        assert "INVITE over TLS" not in kam.log_text()
    assert call.outcome == "failed" and call.status is None
    assert call.error is not None and "CERTIFICATE_VERIFY_FAILED" in call.error, call.error
