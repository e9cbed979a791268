"""Freshness: link health and public metadata, kept in a committed snapshot (catalog/health.json)."""
