"""RTP media: packets, jitter buffer, G.711, RFC 4733 events, and the asyncio session."""
