"""The workshop room's rules, without a network or a thread: what a phone may do in the current step
(step.py), what its requests mean (intents.py), the one operation each becomes (plans.py), what the room
may see (snapshot.py), the room's emotion curve (curve.py) and where dot voting plugs in (voting.py).

The server that carries phones' requests lives in editor/room/; it only ever calls these.
"""
