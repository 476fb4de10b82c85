"""The hotline domain: tickets, workflow, deadlines, routing, persistence, web."""
