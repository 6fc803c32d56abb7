"""The load generator (scf.loadgen) plays the story engine's steps at volume (scf.story, the
same steps as the scenarios) on an Anvil of its own; everything it makes is indexed and replays
into the reports: one repaid root per round, two financings per round, claims paid."""

import os

from scf import api
from scf.devnode import ANVIL_FIRST_KEY, anvil
from scf.indexer import IndexerConfig, index_chain
from scf.live.deployer import deploy
from scf.live.sender import TxSender
from scf.live.signers import Signer
from scf.loadgen import CLAIMS_PER_ROUND, SPLIT_WAYS, generate
from scf.units import to_base

PORT = int(os.environ.get("SCF_REMOTE_TEST_PORT", "8560")) + 1      # beside test_remote_node's node


def test_the_generated_rounds_are_indexed_and_add_up(tmp_path):
    with anvil(PORT) as url:
        w3 = api.connect(url)
        sender = TxSender(w3)
        operator = Signer.from_key("operator", ANVIL_FIRST_KEY)
        deployed = deploy(sender, operator, tmp_path)
        load = generate(deployed.platform, sender, operator, target_events=150, max_rounds=3, max_seconds=600,
                        say=lambda _: None)
        assert 1 <= load.rounds <= 3 and load.events >= 150 and load.transactions > load.rounds * 10
        db = tmp_path / "load.sqlite"
        report = index_chain(w3, db, deployed.manifest, IndexerConfig(finality_depth=0))
        assert report.events >= load.events

    state = api.load_state(db)
    roots = list(state.roots.values())
    assert len(roots) == load.rounds
    assert all(r.face_value == r.repaid == to_base(500_000) and r.frozen for r in roots)
    assert len(state.financings) == 2 * load.rounds
    assert sorted({(f.rate_bps, f.recourse) for f in state.financings}) == [(450, False), (520, True)]
    assert len(state.claims) == CLAIMS_PER_ROUND * load.rounds
    for root in roots:      # the split: 49 children of 10,000 each; a third merged back into the root
        children = [p for p in state.pieces.values() if p.root_id == root.id and p.id != root.id]
        assert len(children) >= SPLIT_WAYS
