"""Telephony tests: SIP (tests/telephony/sip) and media (tests/telephony/media)."""
