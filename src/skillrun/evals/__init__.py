"""Eval harness: cases, checks, runner, results store, reporters."""
