"""Trigger router."""
