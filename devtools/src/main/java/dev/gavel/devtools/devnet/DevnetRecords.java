package dev.gavel.devtools.devnet;

import dev.gavel.primitives.Address;
import dev.gavel.settlement.contracts.AuctionSettlement;
import dev.gavel.settlement.testing.LocalDeployment;
import dev.gavel.simulation.AcknowledgedBids;
import dev.gavel.simulation.BidTally;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/** What the devnet reads back: Gavel's history in PostgreSQL, and the settlement contract's events onchain. */
final class DevnetRecords {
    private final DataSource dataSource;

    DevnetRecords(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A block's row in the live view; winner and price are "-" until its outcome is written. */
    record BlockLine(long acceptedBids, String winner, String price) {}

    BlockLine block(long blockNumber) {
        String winner = text(
                "select coalesce(hex(winner), '-') || ' ' || coalesce(price::text, '-') from outcomes where block_number = ? order by round_id desc limit 1",
                blockNumber);
        String[] parts = winner == null ? new String[] {"-", "-"} : winner.split(" ");
        return new BlockLine(
                number("select count(*) from bids where block_number = ? and status = 'accepted'", blockNumber)
                        .longValue(),
                parts[0],
                parts[1]);
    }

    /** Rounds whose recorded winner is {@code builder}. */
    long wins(Address builder) {
        return number("select count(*) from outcomes where winner = ?", builder.toArray())
                .longValue();
    }

    long activeBuilders() {
        return number("select count(*) from hub_builders where status = 'ACTIVE'")
                .longValue();
    }

    long policies() {
        return number("select count(*) from hub_policies").longValue();
    }

    long settledOutcomes() {
        return number("select count(*) from outcome_settlements where state = 'settled'")
                .longValue();
    }

    /** Canonical won blocks not yet settled (payable or in a batch in flight). */
    long unsettledOutcomes() {
        return number("select count(*) from outcome_settlements where state in ('payable', 'submitted')")
                .longValue();
    }

    DevnetSummary summary(
            long blocks,
            BidTally tally,
            LocalDeployment deployment,
            Web3j web3j,
            String beneficiary,
            List<Address> hostileBuilders)
            throws Exception {
        BigInteger charged = deployment.settlement.proceedsOf(beneficiary).send();
        String[] hostile = hostileBuilders.stream().map(Address::toHex).toArray(String[]::new);
        return new DevnetSummary(
                blocks,
                number("select count(*) from outcomes where winner is not null").longValue(),
                tally.submittedCount(),
                tally.acceptedCount(),
                tally.honestSentCount(),
                tally.honestAcceptedCount(),
                tally.honestAckP99().toNanos() / 1e6,
                tally.rejectedByCode(),
                AcknowledgedBids.missingFrom(dataSource, tally.acknowledged()),
                number("select count(*) from outcome_settlements where state in ('payable', 'submitted', 'settled')")
                        .longValue(),
                settledOutcomes(),
                charged,
                number(
                        "select coalesce(sum(o.price), 0) from outcome_settlements s join outcomes o on o.round_id = s.round_id"
                                + " where s.state in ('payable', 'submitted', 'settled')"),
                number("select coalesce(sum(price - charged), 0) from outcome_settlements where state = 'settled'"),
                doubleCharges(web3j, deployment.settlement.getContractAddress()),
                number(
                                "select count(*) from outcome_settlements s join outcomes o on o.round_id = s.round_id"
                                        + " where s.state in ('payable', 'submitted', 'settled')"
                                        + " and hex(o.winner) = any (?)",
                                (Object) hostile)
                        .longValue(),
                number(
                                "select count(*) from outcome_settlements s join outcomes o on o.round_id = s.round_id"
                                        + " where s.state in ('payable', 'submitted') and not hex(o.winner) = any (?)",
                                (Object) hostile)
                        .longValue(),
                number("select count(*) from strikes").longValue(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** Blocks the contract charged more than once, from its AuctionSettled events (indexed by block number). */
    private static long doubleCharges(Web3j web3j, String settlement) throws Exception {
        EthFilter filter =
                new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, settlement);
        filter.addSingleTopic(EventEncoder.encode(AuctionSettlement.AUCTIONSETTLED_EVENT));
        EthLog logs = web3j.ethGetLogs(filter).send();
        Map<String, Integer> charges = new HashMap<>();
        for (EthLog.LogResult<?> result : logs.getLogs()) {
            charges.merge(((Log) result.get()).getTopics().get(1), 1, Integer::sum);
        }
        return charges.values().stream().filter(count -> count > 1).count();
    }

    private BigInteger number(String query, Object... parameters) {
        String value = text(query, parameters);
        return value == null ? BigInteger.ZERO : new BigDecimal(value).toBigIntegerExact();
    }

    private String text(String query, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("devnet query failed: " + query, e);
        }
    }
}
