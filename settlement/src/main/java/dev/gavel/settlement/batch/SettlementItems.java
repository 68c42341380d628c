package dev.gavel.settlement.batch;

import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.db.settlement.PayableOutcome;
import dev.gavel.settlement.contracts.AuctionSettlement;
import dev.gavel.settlement.onchain.ContractBids;
import dev.gavel.settlement.proof.BlockHashProofs;

/** Payable outcomes as the contract's items: the signed winning bid, the signed runner-up for second price, the proof. */
final class SettlementItems {
    private SettlementItems() {}

    static AuctionSettlement.Item item(PayableOutcome outcome, BlockHashProofs proofs) {
        boolean withRunnerUp =
                AuctionFormat.named(outcome.format()) == AuctionFormat.SECOND_PRICE && outcome.runnerUp() != null;
        return new AuctionSettlement.Item(
                ContractBids.toContract(outcome.winner()),
                outcome.winner().signature().toArray(),
                withRunnerUp ? ContractBids.toContract(outcome.runnerUp()) : ContractBids.none(),
                withRunnerUp ? outcome.runnerUp().signature().toArray() : new byte[0],
                proofs.proof(outcome.blockNumber(), outcome.winner().blockHash())
                        .toArray());
    }
}
