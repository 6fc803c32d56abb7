"""The index, replayed, agrees with the contracts: every piece's value, tier and holder after
splits, merges, transfers and a partial sale."""

from brownie import chain
from replay import replay

from scf.eip712 import sign_offer
from scf.units import DAY, to_base


def test_replayed_pieces_match_the_contract(platform, root, receivables, market, cash, operator,
                                            supplier1, supplier2, supplier3, bank_a, tmp_path):
    tier2 = receivables.splitOff(root, supplier2, to_base(400_000), {"from": supplier1}).return_value
    tier3, kept = receivables.split(tier2, [supplier3, supplier2], [to_base(100_000), to_base(50_000)],
                                    {"from": supplier2}).return_value
    receivables.transferFrom(supplier3, supplier2, tier3, {"from": supplier3})          # passed back whole
    receivables.merge([tier2, kept, tier3], {"from": supplier2})
    cash.mint(bank_a, to_base(1_000_000), {"from": operator})
    cash.approve(market, 2**256 - 1, {"from": bank_a})
    terms, sig = sign_offer(market, bank_a, cash, tier2, to_base(120_000), 500, chain.time() + DAY, recourse=True,
                            seller=supplier2)
    market.acceptSignedOffer(terms.as_tuple(), sig, 0, {"from": supplier2})           # part of the piece

    state = replay(platform, tmp_path)
    assert len(state.pieces) == receivables.lastPieceId()
    for piece in state.pieces.values():
        value, root_id, parent, tier, _locked = receivables.pieceInfo(piece.id)
        if piece.burned:
            assert value == 0
            continue
        assert (piece.value, piece.root_id, piece.parent_id, piece.tier) == (value, root_id, parent, tier)
        assert piece.holder == receivables.ownerOf(piece.id)
    (sale,) = state.financings
    assert (sale.seller, sale.financier, sale.amount, sale.recourse) == (supplier2, bank_a, to_base(120_000), True)


def test_replayed_grace_and_default_periods_match_the_contract(platform, root, registry, settlement, receivables,
                                                               alliance, core, operator, tmp_path):
    """The model's period for a maturity is the contract's (gracePeriodFor, defaultPeriodFor)
    across changes that take effect later (issue 10)."""
    changes = [registry.setGracePeriod(alliance, 40 * DAY, {"from": core}).events["GracePeriodSet"]["effectiveFrom"],
               settlement.setDefaultPeriod(5 * DAY, {"from": operator}).events["DefaultPeriodSet"]["effectiveFrom"]]
    chain.sleep(DAY)
    changes.append(registry.setGracePeriod(alliance, 2 * DAY, {"from": core}).events["GracePeriodSet"]["effectiveFrom"])
    state = replay(platform, tmp_path)
    maturity = receivables.rootInfo(root)["maturity"]
    moments = [maturity] + [t + d for t in changes for d in (-1, 0, 1)]
    assert [state.alliances[alliance].grace_period_for(m) for m in moments] == [
        registry.gracePeriodFor(alliance, m) for m in moments]
    assert [state.default_period_for(m) for m in moments] == [settlement.defaultPeriodFor(m) for m in moments]
    assert state.grace_period(state.roots[root]) == registry.gracePeriodFor(alliance, maturity) != 2 * DAY
    assert state.default_period(state.roots[root]) == settlement.defaultPeriodFor(maturity)
