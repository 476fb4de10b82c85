"""SIP and RTP: answers forwarded calls, records them, plays prompts, dials out.

Knows nothing about tickets: ticketing reaches it only through small typed events
and the dialer it is handed.
"""
