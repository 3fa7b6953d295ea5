"""Musette ingest: report files -> facts with evidence -> SQLite."""
