"""Helpers for people who write rubric plugins: the pytest plugin."""
