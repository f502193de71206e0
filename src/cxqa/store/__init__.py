"""The store: database engine, session scope, migrations and shared column types."""
