"""Settings schema and loading, the default catalogue and prompt texts."""
