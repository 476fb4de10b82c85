"""Media tests: RTP, jitter buffer, G.711, DTMF, recording, prompts, silence."""
