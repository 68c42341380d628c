package dev.gavel.settlement.mirror;

import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import dev.gavel.settlement.contracts.AuctionSettlement;
import dev.gavel.settlement.contracts.BuilderHub;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * Mirrors BuilderHub and AuctionSettlement into a {@link HubView}, as of the chain head less a confirmation
 * depth. Events only say which builders changed; their state is read from the contracts' views at the
 * confirmed block, and every known builder is read again each time, so a reorg, even one deeper than the
 * depth, only ever means reading another block. Progress is stored, so a restart resumes where it stopped.
 * {@link #catchUp()}, which the service repeats, never fails: a chain or store it cannot reach leaves the last
 * view in place (with a warning) until a later catch-up succeeds.
 */
public final class ChainMirror {
    private static final Logger log = LoggerFactory.getLogger(ChainMirror.class);
    private static final long LOG_CHUNK = 2_000;

    private final Web3j web3j;
    private final BuilderHub hub;
    private final AuctionSettlement settlement;
    private final long confirmations;
    private final long fromBlock;
    private final MirrorStore store;
    private final Map<String, Integer> builderTopic = new HashMap<>();
    private final Set<Address> known = new HashSet<>();
    private long lastScanned;
    private volatile HubView view = HubView.EMPTY;
    private volatile long chainHead = -1;

    public ChainMirror(
            Web3j web3j,
            Address hubAddress,
            Address settlementAddress,
            long confirmations,
            BlockNumber fromBlock,
            MirrorStore store) {
        this.web3j = web3j;
        ReadonlyTransactionManager reader = new ReadonlyTransactionManager(web3j, hubAddress.toHex());
        this.hub = BuilderHub.load(hubAddress.toHex(), web3j, reader, new DefaultGasProvider());
        this.settlement = AuctionSettlement.load(settlementAddress.toHex(), web3j, reader, new DefaultGasProvider());
        this.confirmations = confirmations;
        this.fromBlock = fromBlock.value();
        this.store = store;
        this.lastScanned = this.fromBlock - 1;
        for (Event event : List.of(
                BuilderHub.BUILDERREGISTERED_EVENT,
                BuilderHub.BUILDERSTATUSCHANGED_EVENT,
                BuilderHub.BUILDERALLOWED_EVENT,
                AuctionSettlement.DEPOSITED_EVENT,
                AuctionSettlement.WITHDRAWALREQUESTED_EVENT,
                AuctionSettlement.WITHDRAWN_EVENT,
                AuctionSettlement.DEBTRECORDED_EVENT,
                AuctionSettlement.DEBTREPAID_EVENT)) {
            builderTopic.put(EventEncoder.encode(event), 1);
        }
        builderTopic.put(EventEncoder.encode(AuctionSettlement.AUCTIONSETTLED_EVENT), 2);
        store.load().ifPresent(checkpoint -> {
            lastScanned = checkpoint.block().value();
            known.addAll(checkpoint.builders());
            log.info(
                    "chain mirror resumes after block {} with {} known builders",
                    checkpoint.block(),
                    checkpoint.builders().size());
        });
    }

    /** The mirror of the contracts at {@code rpcUrl}: a JSON-RPC endpoint over HTTP. */
    public static ChainMirror overRpc(
            String rpcUrl,
            Address hubAddress,
            Address settlementAddress,
            long confirmations,
            BlockNumber fromBlock,
            MirrorStore store) {
        return new ChainMirror(
                Web3j.build(new HttpService(rpcUrl)), hubAddress, settlementAddress, confirmations, fromBlock, store);
    }

    public HubView view() {
        return view;
    }

    /**
     * How many blocks the view lies behind the chain's head as last read (the confirmation depth at best); empty
     * before the first view. A chain that stops answering leaves this where it was: the mirror's warnings say so.
     */
    public OptionalLong lagBlocks() {
        HubView current = view;
        long head = chainHead;
        return current.block() == null || head < 0
                ? OptionalLong.empty()
                : OptionalLong.of(Math.max(0, head - current.block().value()));
    }

    /** Reads the quotes builders registered with, from the same chain and hub. */
    public HubRegistrations registrations() {
        return new HubRegistrations(web3j, Address.fromHex(hub.getContractAddress()));
    }

    /**
     * Catches up to the confirmed head, as {@link #poll()} does; when the chain or the store cannot be reached,
     * warns and keeps the last view. Returns the view in force.
     */
    public HubView catchUp() {
        try {
            return poll();
        } catch (IOException | MirrorStoreException e) {
            log.warn(
                    "chain mirror could not catch up ({}); keeping the view of block {}",
                    e.getMessage(),
                    view.block() == null ? "none" : view.block());
            return view;
        }
    }

    /** Catches up to the confirmed head; the new view, or the old one when nothing is newly confirmed. */
    synchronized HubView poll() throws IOException {
        long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        chainHead = head;
        long confirmed = head - confirmations;
        if (confirmed < fromBlock || (confirmed <= lastScanned && isAt(view, confirmed))) {
            return view;
        }
        for (long from = lastScanned + 1; from <= confirmed; from += LOG_CHUNK) {
            collectBuilders(from, Math.min(confirmed, from + LOG_CHUNK - 1));
        }
        HubView next = read(confirmed);
        store.save(next);
        lastScanned = confirmed;
        view = next;
        return next;
    }

    private static boolean isAt(HubView view, long block) {
        return view.block() != null && view.block().value() == block;
    }

    private void collectBuilders(long from, long to) throws IOException {
        EthFilter filter = new EthFilter(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
                List.of(hub.getContractAddress(), settlement.getContractAddress()));
        EthLog logs = web3j.ethGetLogs(filter).send();
        if (logs.hasError()) {
            throw new IOException(
                    "eth_getLogs " + from + ".." + to + ": " + logs.getError().getMessage());
        }
        for (EthLog.LogResult<?> result : logs.getLogs()) {
            Log entry = (Log) result.get();
            Integer index = builderTopic.get(entry.getTopics().get(0));
            if (index != null && entry.getTopics().size() > index) {
                known.add(Address.fromHex("0x" + entry.getTopics().get(index).substring(26)));
            }
        }
    }

    private HubView read(long block) throws IOException {
        DefaultBlockParameter at = DefaultBlockParameter.valueOf(BigInteger.valueOf(block));
        hub.setDefaultBlockParameter(at);
        settlement.setDefaultBlockParameter(at);
        try {
            Map<Address, HubView.BuilderStanding> builders = new HashMap<>();
            for (Address address : known) {
                var record = hub.builders(address.toHex()).send();
                HubView.Status status =
                        HubView.Status.values()[record.component1().intValueExact()];
                if (status != HubView.Status.NONE) {
                    var request = settlement.pendingWithdrawal(address.toHex()).send();
                    builders.put(
                            address,
                            new HubView.BuilderStanding(
                                    address,
                                    status,
                                    Hash32.of(record.component2()),
                                    hub.isAdmitted(address.toHex()).send(),
                                    hub.allowed(address.toHex()).send(),
                                    new Wei(settlement
                                            .balanceOf(address.toHex())
                                            .send()),
                                    new Wei(settlement.debtOf(address.toHex()).send()),
                                    new Wei(settlement
                                            .availableOf(address.toHex())
                                            .send()),
                                    request.component1().signum() == 0
                                            ? HubView.WithdrawalRequest.NONE
                                            : new HubView.WithdrawalRequest(
                                                    new Wei(request.component1()),
                                                    request.component2().longValueExact(),
                                                    request.component3().longValueExact()),
                                    new HubView.RegistrationRecord(
                                            record.component4().longValueExact(), Hash32.of(record.component3()))));
                }
            }
            List<HubView.PolicyVersion> policies = new ArrayList<>();
            long count = hub.policyCount().send().longValueExact();
            for (int i = 0; i < count; i++) {
                BuilderHub.PolicyVersion version =
                        hub.policyVersion(BigInteger.valueOf(i)).send();
                BuilderHub.Policy p = version.policy;
                policies.add(new HubView.PolicyVersion(
                        new BlockNumber(version.activationBlock.longValueExact()),
                        new AuctionPolicy(
                                i + 1,
                                AuctionFormat.fromContractCode(p.format.intValueExact()),
                                new Wei(p.reservePrice),
                                p.bidCutoffMs.longValueExact(),
                                p.maxBidsPerBuilder.intValueExact(),
                                new Wei(p.minBuilderBalance),
                                Address.fromHex(p.beneficiary))));
            }
            String blockHash =
                    web3j.ethGetBlockByNumber(at, false).send().getBlock().getHash();
            return new HubView(
                    BlockNumber.of(block),
                    Hash32.fromHex(blockHash),
                    builders,
                    policies,
                    Address.fromHex(hub.auctioneer().send()),
                    hub.auctionKeyId().send().intValueExact(),
                    Hash32.of(hub.auctionPublicKey().send()),
                    hub.permissionMode().send().intValueExact() == 1,
                    hub.highestProvenBlock().send().longValueExact(),
                    hub.policyDelay().send().longValueExact(),
                    settlement.withdrawalDelay().send().longValueExact(),
                    settlement.withdrawalWindow().send().longValueExact());
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("reading the hub at block " + block + " failed: " + e.getMessage(), e);
        }
    }
}
