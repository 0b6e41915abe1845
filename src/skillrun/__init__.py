"""skillrun."""
