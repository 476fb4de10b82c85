"""SIP and RTP: answers forwarded calls, records them, plays prompts, dials out.

Knows nothing about tickets (see ARCHITECTURE.md).
"""
