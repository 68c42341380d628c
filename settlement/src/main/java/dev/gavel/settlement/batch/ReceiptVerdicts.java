package dev.gavel.settlement.batch;

import dev.gavel.db.settlement.InFlightBatch;
import dev.gavel.db.settlement.ItemResult;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Wei;
import dev.gavel.settlement.contracts.AuctionSettlement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** What the contract did with each outcome of a batch, read from the events in its mined transaction's receipt. */
final class ReceiptVerdicts {
    /** An outcome in a mined batch with neither event: the receipt does not belong to this batch's call. */
    static final String NOT_IN_RECEIPT = "NOT_IN_RECEIPT";

    private ReceiptVerdicts() {}

    static List<ItemResult> of(TransactionReceipt receipt, Address contract, List<InFlightBatch.Item> items) {
        TransactionReceipt own = new TransactionReceipt();
        own.setLogs(receipt.getLogs().stream()
                .filter(log -> fromContract(log, contract))
                .toList());
        Map<BlockNumber, ItemResult> byBlock = new HashMap<>();
        Map<BlockNumber, Long> roundOfBlock = new HashMap<>();
        items.forEach(item -> roundOfBlock.put(item.blockNumber(), item.roundId()));
        for (AuctionSettlement.AuctionSettledEventResponse settled : AuctionSettlement.getAuctionSettledEvents(own)) {
            BlockNumber block = BlockNumber.of(settled.blockNumber.longValueExact());
            Long round = roundOfBlock.get(block);
            if (round != null) {
                byBlock.put(block, ItemResult.settled(round, new Wei(settled.price), new Wei(settled.charged)));
            }
        }
        for (AuctionSettlement.SettlementSkippedEventResponse skipped :
                AuctionSettlement.getSettlementSkippedEvents(own)) {
            BlockNumber block = BlockNumber.of(skipped.blockNumber.longValueExact());
            Long round = roundOfBlock.get(block);
            if (round != null) {
                byBlock.putIfAbsent(
                        block,
                        ItemResult.skipped(
                                round,
                                SkipReason.ofCode(skipped.reason.intValueExact())
                                        .name()));
            }
        }
        return items.stream()
                .map(item ->
                        byBlock.getOrDefault(item.blockNumber(), ItemResult.skipped(item.roundId(), NOT_IN_RECEIPT)))
                .toList();
    }

    private static boolean fromContract(Log log, Address contract) {
        return log.getAddress() != null && log.getAddress().equalsIgnoreCase(contract.toHex());
    }
}
