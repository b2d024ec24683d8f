"""The library store: peewee models on one SQLite file, migrations, importer, queries, user data."""
