"""Intake: calls become draft tickets (两个马上 — register the moment a request arrives).

Three layers, so the decisions are testable without sockets or a database:

1. `records` — the writes intake makes, as small JSON-able facts keyed by call id
   (a draft was opened, a partial was heard, the call was transcribed, was silent,
   its transcription was queued). `service.IntakeService` turns call events into
   records; nothing there does I/O.
2. `store_port.apply_record(store, record, ctx)` — writes one record through an
   `IntakeStore` (the ticket repository port). Idempotent by call id, so a record
   replayed from the journal after a database outage or a crash does no harm.
3. `writer.IntakeWriter` (the adapter) — applies records in order on a worker thread,
   and when the database is unreachable appends them to the durable
   `journal.IntakeJournal` and replays them, in order, when it returns. Nothing is
   lost; nothing blocks the call. Started "held" (`start(hold=True)`) it journals
   everything and does not touch the database until `resume()`: `hotline serve` starts
   that way when the database was unreachable at start-up (its schema may not even be
   migrated yet).
"""
