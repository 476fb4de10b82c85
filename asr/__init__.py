"""Vosk speech recognition: model checks, streaming recognizers, batch transcription.

Knows nothing about SIP or tickets.
"""
