"""A score wanted when something happens to each item is real-time (rubric §0.1, MS-01).

"When each coil leaves the finishing mill", "at first notice of loss", "at onboarding", "when our quoting
tool generates a quote", "as the customer types", "within 2 minutes of the scan", or another step of the
item's business process ("at publish time", "at discharge", "when the background check clears", "at
checkout", "at boarding", "at dispatch", "at hand-over", "at the moment of sale"): the item's own event
asks for the score, as a user's action in a form does, and nobody names a caller. Read by
knowledge/tasks.yaml consumption.item_event. Without it the rules had only a profile's usual mode to go
on, which is batch for most yes/no, amount and category types, and the learned opinion read "~500
coils/day" or "3k uploads/day" as a daily list.

The event is not the whole story. The same words name the trigger of a batch when the request adds a
schedule ("re-run weekly when new compounds are registered", "once per shift"), a deadline of hours or
of a quarter of an hour and more (consumption.event_deadline: the shared example ml-042, "maps within a
few hours of new imagery", is batch), a job on a short interval, a precompute (hybrid), or a stream
that the events arrive on (Kafka, continuous readings): there the event says nothing about serving.
"""

from __future__ import annotations

from collections.abc import Mapping

EVENT_VOTE = 3.0
"""As strong as a stream source or a named caller: one event phrase outweighs a profile's usual mode
(1.5) and one weak schedule word, not a stated schedule plus that default."""
_SCHEDULE = 2.0
"""One full batch cue ("nightly", "once per shift", "within a few hours"); weak ones (e-mail, report) are half."""


def at_the_event(use: Mapping[str, float], explicit: Mapping[str, float], elsewhere: bool) -> bool:
    """Whether the request wants each item scored at its own event: an item-event phrase and none of the
    framings that make the event a batch's trigger (``elsewhere``: a stream, continuous readings, a short
    schedule or a precompute, decided by the caller)."""
    if use.get("item_event", 0) <= 0 or elsewhere:
        return False
    if use.get("event_deadline", 0) > 0 or use.get("lookup", 0) > 0 or use.get("wait_allowed", 0) > 0:
        return False  # hours after the event, a stored score read back, or "next morning is fine": a batch
    return explicit.get("batch", 0.0) < _SCHEDULE
