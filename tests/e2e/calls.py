"""Moved to tests.fixtures.sipp, .sip and .baresip; this name keeps older imports working."""

from tests.fixtures.baresip import BARESIP, baresip_call
from tests.fixtures.sip import speech_pcap, write_wav_8k
from tests.fixtures.sipp import sipp_call, start_sipp_call

__all__ = ["BARESIP", "baresip_call", "sipp_call", "speech_pcap", "start_sipp_call", "write_wav_8k"]
