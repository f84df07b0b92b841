"""A sortition drawn again outside participa: ChaCha20 written here from RFC 8439 (checked on the
RFC's test vectors), the seed text and the shuffle written from docs/sortition.md, reach the
selection participa recorded — for many draws, beacons, dice and candidate counts.
"""

from __future__ import annotations

import hashlib
import struct
from datetime import timedelta

from participa import space, store
from participa.components import proposals as pr
from participa.components import sortitions as so

from test_participation import START, founded

MASK = 0xFFFFFFFF


def rotate(value, bits):
    return ((value << bits) & MASK) | (value >> (32 - bits))


def quarter_round(state, a, b, c, d):
    state[a] = (state[a] + state[b]) & MASK
    state[d] = rotate(state[d] ^ state[a], 16)
    state[c] = (state[c] + state[d]) & MASK
    state[b] = rotate(state[b] ^ state[c], 12)
    state[a] = (state[a] + state[b]) & MASK
    state[d] = rotate(state[d] ^ state[a], 8)
    state[c] = (state[c] + state[d]) & MASK
    state[b] = rotate(state[b] ^ state[c], 7)


def chacha20_block(key: bytes, counter: int, nonce: bytes) -> bytes:
    """RFC 8439, section 2.3."""
    constants = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574]
    state = constants + list(struct.unpack("<8L", key)) + [counter] + list(
        struct.unpack("<3L", nonce))
    working = state[:]
    for _ in range(10):
        quarter_round(working, 0, 4, 8, 12)
        quarter_round(working, 1, 5, 9, 13)
        quarter_round(working, 2, 6, 10, 14)
        quarter_round(working, 3, 7, 11, 15)
        quarter_round(working, 0, 5, 10, 15)
        quarter_round(working, 1, 6, 11, 12)
        quarter_round(working, 2, 7, 8, 13)
        quarter_round(working, 3, 4, 9, 14)
    return struct.pack("<16L", *[(w + s) & MASK for w, s in zip(working, state)])


class Words:
    """The keystream of docs/sortition.md, step 3: key = seed, zero nonce, counter from 0."""

    def __init__(self, key: bytes):
        self.key, self.counter, self.buffer = key, 0, b""

    def next(self) -> int:
        if not self.buffer:
            self.buffer = chacha20_block(self.key, self.counter, bytes(12))
            self.counter += 1
        word, self.buffer = struct.unpack("<L", self.buffer[:4])[0], self.buffer[4:]
        return word

    def uniform(self, bound: int) -> int:
        limit = 2**32 - (2**32 % bound)
        while True:
            word = self.next()
            if word < limit:
                return word % bound


def draw_again(requested_at, dice, beacon, candidates, k):
    text = "participa sortition 1\n"
    text += "time " + requested_at.strftime("%Y-%m-%dT%H:%M:%SZ") + "\n"
    text += f"dice {dice}\nbeacon {beacon}\ncandidates {len(candidates)}\n"
    text += "".join(c + "\n" for c in candidates)
    seed = hashlib.sha256(text.encode("utf-8")).digest()
    order = list(candidates)
    words = Words(seed)
    for i in range(len(order) - 1, 0, -1):
        j = words.uniform(i + 1)
        order[i], order[j] = order[j], order[i]
    return seed, order[:k]


def test_the_chacha20_here_is_rfc_8439s():
    # Section 2.3.2: key 00..1f, nonce 00 00 00 09 00 00 00 4a 00 00 00 00, block counter 1.
    block = chacha20_block(bytes(range(32)), 1, bytes.fromhex("000000090000004a00000000"))
    assert block.hex() == (
        "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
        "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e")
    # Appendix A.1, vectors 1 and 2: the zero key and nonce, counters 0 and 1.
    assert chacha20_block(bytes(32), 0, bytes(12)).hex().startswith("76b8e0ada0f13d90405d6ae5")
    assert chacha20_block(bytes(32), 1, bytes(12)).hex().startswith("9f07e7be5551387a98ba977c")


def test_draws_recompute_outside_participa():
    clock = store.ManualClock(START)
    ledger, admin, run = founded(clock)
    space_id = run(space.SpaceCreated(kind="assembly", slug="council", title="Council")).space
    proposals = run(space.ComponentAdded(space=space_id, kind="proposals", name="Ideas")).component
    lots = run(space.ComponentAdded(space=space_id, kind="sortitions", name="Lots")).component
    for component in (proposals, lots):
        run(space.ComponentPublished(component=component))
    run(space.SpacePublished(space=space_id))

    checked = 0
    for round_ in range(12):
        for i in range(3 + round_):
            proposal = ledger.execute(pr.ProposalDrafted(
                title=f"Official proposal {round_}-{i}", body="For the draw.", official=True),
                actor=admin, component=proposals).event.body.payload.proposal
            ledger.execute(pr.ProposalPublished(proposal=proposal), actor=admin,
                           component=proposals)
        clock.advance(timedelta(seconds=1, milliseconds=250))
        asked = so.SortitionDrawn(title=f"Draw {round_}", proposals=proposals,
                                  target_items=1 + round_ % 4, dice=1 + round_ % 6,
                                  beacon="" if round_ % 3 == 0 else f"beacon-{round_:04x}")
        drawn = ledger.execute(asked, actor=admin, component=lots).event.body.payload
        # Step 1, from the published list: every proposal so far, in id order.
        listed = sorted(str(p) for p in pr.state_of(ledger.state(), proposals).proposals)
        assert [str(c) for c in drawn.candidates] == listed
        seed, selected = draw_again(drawn.requested_at, drawn.dice, drawn.beacon, listed,
                                    drawn.target_items)
        assert drawn.seed == seed.hex()
        assert [str(s) for s in drawn.selected] == selected
        assert so.draw(drawn.seed, drawn.candidates, drawn.target_items) == drawn.selected
        assert so.seed_text(drawn.requested_at, drawn.dice, drawn.beacon,
                            drawn.candidates).startswith("participa sortition 1\ntime ")
        checked += 1
    assert checked == 12
    assert len(so.state_of(ledger.state(), lots).sortitions) == 12
