"""SQLAlchemy adapters: tables, repositories, unit of work, engine set-up."""
