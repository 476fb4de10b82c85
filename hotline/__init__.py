"""The composition root: the `hotline` command wires telephony, ASR and ticketing."""
