"""Our asyncio SIP stack: framing, sans-I/O transactions and dialogs, transports, auth."""
