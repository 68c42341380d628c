// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {AuctionSettlement} from "gavel/AuctionSettlement.sol";
import {Vm, FuzzSelector} from "./Cheats.sol";
import {Fixture, ScriptedSource} from "./Fixture.sol";

/// @notice Drives the escrow as builders, beneficiaries, governance and the auctioneer would, in any order,
/// and keeps a model of what every account should hold. Nothing here reverts on a broken expectation: it is
/// counted (and the last one named) for the invariants to report, because forge discards reverted calls.
contract SettlementHandler is Fixture {
    uint256 internal constant MAX = type(uint256).max;
    address internal constant ELSEWHERE = address(0xdead);

    // the model, per builder (index 0..4; 4 never registers)
    uint256[BUILDERS] public deposited;
    uint256[BUILDERS] public withdrawn;
    uint256[BUILDERS] public charged;
    uint256[BUILDERS] public repaid;
    uint256[BUILDERS] public modelBalance;
    uint256[BUILDERS] public modelDebt;
    uint256 public forcedEther;

    // what must never happen
    uint256 public settleReverts;
    uint256 public honestItemsSkipped;
    uint256 public doubleCharges;
    uint256 public withdrawalsInDebt;
    uint256 public withdrawalsOverpaid;
    uint256 public mismatches;
    string public lastMismatch;
    mapping(uint64 blockNumber => uint256) public timesCharged;

    // what happened, to see that the campaign reaches the interesting states
    uint256 public itemsSettled;
    uint256 public itemsSkipped;
    uint256 public shortfalls;
    uint256 public withdrawalsPaid;

    struct Expected {
        uint64 blockNumber;
        uint256 index;
        uint256 price;
    }

    constructor() {
        deployGavel();
    }

    // ---- builders ----

    function depositAs(uint256 who, uint256 amount) external {
        uint256 i = who % BUILDERS;
        address b = builder(i);
        amount = bound(amount, 1, 10 ether);
        expect(settlement.debtOf(b) == modelDebt[i], "debt before a deposit");
        uint256 owed1 = settlement.debtTo(b, BENEFICIARY);
        uint256 owed2 = settlement.debtTo(b, BENEFICIARY_2);
        uint256 proceeds1 = settlement.proceedsOf(BENEFICIARY);
        uint256 proceeds2 = settlement.proceedsOf(BENEFICIARY_2);
        vm.deal(b, amount);
        vm.prank(b);
        settlement.deposit{value: amount}();

        uint256 repay = amount < modelDebt[i] ? amount : modelDebt[i];
        deposited[i] += amount;
        repaid[i] += repay;
        modelDebt[i] -= repay;
        modelBalance[i] += amount - repay;
        expect(settlement.debtOf(b) == modelDebt[i], "a deposit repays debt first");
        expect(settlement.balanceOf(b) == modelBalance[i], "only the rest of a deposit is escrow");
        expect(
            settlement.proceedsOf(BENEFICIARY) - proceeds1 == owed1 - settlement.debtTo(b, BENEFICIARY)
                && settlement.proceedsOf(BENEFICIARY_2) - proceeds2 == owed2 - settlement.debtTo(b, BENEFICIARY_2),
            "each creditor receives what its debt went down by"
        );
    }

    function requestAs(uint256 who, uint256 amount) external {
        uint256 i = who % BUILDERS;
        uint256 balance = settlement.balanceOf(builder(i));
        if (balance == 0) return;
        vm.prank(builder(i));
        settlement.requestWithdrawal(bound(amount, 1, balance));
    }

    function withdrawAs(uint256 who) external {
        uint256 i = who % BUILDERS;
        address b = builder(i);
        (uint256 requested, uint64 availableAt, uint64 expiresAt) = settlement.pendingWithdrawal(b);
        uint256 debt = settlement.debtOf(b);
        uint256 balance = settlement.balanceOf(b);
        uint256 before = b.balance;
        vm.prank(b);
        try settlement.withdraw() {
            uint256 paid = b.balance - before;
            if (debt > 0) withdrawalsInDebt++;
            if (paid > (requested < balance ? requested : balance)) withdrawalsOverpaid++;
            expect(block.number >= availableAt && block.number < expiresAt, "paid only inside the window");
            withdrawn[i] += paid;
            modelBalance[i] -= paid;
            withdrawalsPaid++;
        } catch {
            expect(
                requested == 0 || block.number < availableAt || block.number >= expiresAt || debt > 0,
                "a due withdrawal without debt is paid"
            );
        }
    }

    // ---- everyone else ----

    function collectProceeds(uint256 which) external {
        address beneficiary = which % 2 == 0 ? BENEFICIARY : BENEFICIARY_2;
        if (settlement.proceedsOf(beneficiary) == 0) return;
        vm.prank(beneficiary);
        settlement.withdrawProceeds();
    }

    /// @notice Time passes: a third of the time to just inside (or just past) a builder's withdrawal window.
    function advance(uint256 blocks) external {
        (uint256 requested, uint64 availableAt, uint64 expiresAt) = settlement.pendingWithdrawal(builder(blocks % BUILDERS));
        if (requested > 0 && blocks % 3 == 0 && block.number < availableAt) {
            vm.roll(availableAt + (blocks >> 8) % (expiresAt - availableAt + 8));
        } else {
            vm.roll(block.number + bound(blocks >> 8, 1, 400));
        }
    }

    function forceEther(uint256 amount) external {
        amount = bound(amount, 1, 1 ether);
        forcedEther += amount;
        vm.deal(address(settlement), address(settlement).balance + amount);
    }

    /// @notice Governance points the hub elsewhere (suspensions and proven blocks then fail) or back.
    function toggleHub() external {
        hub.setSettlement(hub.settlement() == address(settlement) ? ELSEWHERE : address(settlement));
    }

    /// @notice The block-hash source reverts or answers nothing for a while (1 in 3 each), else answers.
    function breakSource(uint256 mode) external {
        mode = mode % 6;
        source.setMode(mode == 0 ? ScriptedSource.Mode.REVERT : mode == 1 ? ScriptedSource.Mode.SILENT : ScriptedSource.Mode.ANSWER);
    }

    // ---- the auctioneer ----

    /// @notice A batch of 1 to 64 items, honest and hostile mixed: huge prices, bad signatures, unregistered
    /// builders, wrong or unprovable hashes, forged runner-ups, blocks without policy, replays. One batch in
    /// eight has up to 64 items, the others up to 8, which keeps the campaign's time within the build's budget.
    function settleBatch(uint256 seed, uint256 count) external {
        count = count % 8 == 0 ? bound(count >> 3, 1, 64) : bound(count >> 3, 1, 8);
        AuctionSettlement.Item[] memory items = new AuctionSettlement.Item[](count);
        Expected[] memory expected = new Expected[](count);
        uint256 honest;
        for (uint256 k = 0; k < count; k++) {
            (AuctionSettlement.Item memory item, bool clean, uint256 price) = hostileItem(uint256(keccak256(abi.encode(seed, k))));
            items[k] = item;
            uint64 n = item.winner.blockNumber;
            if (clean && !settlement.settled(n) && !seen(expected, honest, n)) {
                expected[honest++] = Expected(n, indexOf(item.winner.builder), price);
            }
        }
        vm.recordLogs();
        try settlement.settle(items) {
            check(expected, honest, vm.getRecordedLogs());
        } catch {
            settleReverts++;
        }
    }

    /// @dev An item from `r`; `clean` if the contract must settle it (when fresh), at `price`.
    function hostileItem(uint256 r) internal view returns (AuctionSettlement.Item memory item, bool clean, uint256 price) {
        uint256 index = r % BUILDERS;
        uint64 n = uint64(bound(r >> 8, 100, 611));
        uint256 value = r % 4 == 0 ? MAX - (r >> 192) : r % 4 == 1 ? (r >> 64) % 1_000 : (r >> 64) % 2 ether;
        item.winner = bid(index, n, source.canonical(n), value);
        item.winnerSignature = sign(item.winner, builderKey(index));
        uint256 flaw = (r >> 32) % 10;
        uint256 other = (index + 1) % REGISTERED;
        if (flaw == 0) item.winnerSignature[7] ^= 0x01;
        if (flaw == 1) item.winner.blockHash = bytes32(r);
        if (flaw == 2) item.blockHashProof = hex"ff";
        if (flaw == 3 || flaw == 4) {
            item.runnerUp = bid(other, n, bytes32(r), value / 2);
            if (flaw == 3) item.runnerUp.parentHash = bytes32(r);
            item.runnerUpSignature = sign(item.runnerUp, builderKey(other));
        }
        if (flaw == 5) {
            item.runnerUp = bid(other, n, bytes32(r), value / 2);
            item.runnerUpSignature = new bytes(65);
        }
        // first price never looks at the runner-up, forged or not
        bool runnerUpHarmless = flaw == 4 || ((flaw == 3 || flaw == 5) && n >= FIRST_PRICE_FROM);
        clean = index < REGISTERED && (flaw > 5 || runnerUpHarmless) && n >= SECOND_PRICE_FROM
            && source.mode() == ScriptedSource.Mode.ANSWER;
        if (n >= FIRST_PRICE_FROM) {
            price = value;
        } else {
            price = flaw == 4 && value / 2 > RESERVE ? value / 2 : RESERVE;
            if (price > value) price = value;
        }
    }

    /// @dev Compares the batch's AuctionSettled events with the model's expectations, in order, and books them.
    function check(Expected[] memory expected, uint256 honest, Vm.Log[] memory logs) internal {
        uint256 k;
        for (uint256 l = 0; l < logs.length; l++) {
            if (logs[l].emitter != address(settlement)) continue;
            bytes32 topic = logs[l].topics[0];
            if (topic == AuctionSettlement.SettlementSkipped.selector) itemsSkipped++;
            if (topic != AuctionSettlement.AuctionSettled.selector) continue;
            uint64 n = uint64(uint256(logs[l].topics[1]));
            if (++timesCharged[n] > 1) doubleCharges++;
            (uint256 price,, uint256 paid) = abi.decode(logs[l].data, (uint256, bytes32, uint256));
            if (k >= honest || expected[k].blockNumber != n || expected[k].price != price) {
                expect(false, "an item settled that the model did not expect, or at another price");
                k++;
                continue;
            }
            book(expected[k++], paid);
        }
        if (k < honest) honestItemsSkipped += honest - k;
    }

    function book(Expected memory item, uint256 paid) internal {
        uint256 i = item.index;
        uint256 due = item.price < modelBalance[i] ? item.price : modelBalance[i];
        expect(paid == due, "charged min(price, escrow), requested funds included");
        modelBalance[i] -= due;
        charged[i] += due;
        itemsSettled++;
        if (due < item.price) {
            uint256 shortfall = item.price - due;
            uint256 added = shortfall < MAX - modelDebt[i] ? shortfall : MAX - modelDebt[i];
            modelDebt[i] += added;
            shortfalls++;
        }
    }

    function seen(Expected[] memory expected, uint256 honest, uint64 n) internal pure returns (bool) {
        for (uint256 k = 0; k < honest; k++) {
            if (expected[k].blockNumber == n) return true;
        }
        return false;
    }

    function indexOf(address who) internal pure returns (uint256) {
        for (uint256 i = 0; i < BUILDERS; i++) {
            if (builder(i) == who) return i;
        }
        revert("not a builder");
    }

    function expect(bool condition, string memory what) internal {
        if (!condition) {
            mismatches++;
            lastMismatch = what;
        }
    }

    // ---- for the invariants ----

    function settlementContract() external view returns (AuctionSettlement) {
        return settlement;
    }

    function builderAt(uint256 index) external pure returns (address) {
        return builder(index);
    }

    function actions() external pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](9);
        selectors[0] = this.depositAs.selector;
        selectors[1] = this.requestAs.selector;
        selectors[2] = this.withdrawAs.selector;
        selectors[3] = this.collectProceeds.selector;
        selectors[4] = this.advance.selector;
        selectors[5] = this.forceEther.selector;
        selectors[6] = this.toggleHub.selector;
        selectors[7] = this.breakSource.selector;
        selectors[8] = this.settleBatch.selector;
    }
}

/// @notice The escrow's invariants, as auditors state them, over any sequence of the handler's calls
/// (foundry.toml: 256 runs of 64 calls). forge runs a campaign per invariant function, so related properties
/// share one: four campaigns fit the build's time on two cores. Each also asserts that the handler's model
/// agreed with the contract at every step, since the ghost totals below are only as good as that model.
contract SettlementInvariants is Fixture {
    SettlementHandler internal handler;
    AuctionSettlement internal escrow;
    address[] internal targets;

    function setUp() public {
        handler = new SettlementHandler();
        escrow = handler.settlementContract();
        targets.push(address(handler));
    }

    function targetContracts() public view returns (address[] memory) {
        return targets;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory selectors) {
        selectors = new FuzzSelector[](1);
        selectors[0] = FuzzSelector(address(handler), handler.actions());
    }

    /// @notice Ether can be forced in (selfdestruct, coinbase), so the contract holds at least, not exactly,
    /// what it owes; with the forced ether counted, exactly.
    function invariant_etherCoversBalancesAndUnpaidProceeds() public view {
        modelAgrees();
        uint256 owed = escrow.proceedsOf(BENEFICIARY) + escrow.proceedsOf(BENEFICIARY_2);
        for (uint256 i = 0; i < BUILDERS; i++) {
            owed += escrow.balanceOf(handler.builderAt(i));
        }
        vm.assertGe(address(escrow).balance, owed, "ether covers balances and unpaid proceeds");
        vm.assertEq(address(escrow).balance, owed + handler.forcedEther(), "and is exactly that plus forced ether");
    }

    function invariant_settleNeverRevertsAndChargesEachBlockAtMostOnce() public view {
        modelAgrees();
        vm.assertEq(handler.settleReverts(), 0, "settle() never reverts, up to 64 items");
        vm.assertEq(handler.honestItemsSkipped(), 0, "a fresh, provable item is always settled");
        vm.assertEq(handler.doubleCharges(), 0, "no block charged twice");
    }

    function invariant_debtIsNeverLost() public view {
        modelAgrees();
        for (uint256 i = 0; i < BUILDERS; i++) {
            address b = handler.builderAt(i);
            uint256 debt = escrow.debtOf(b);
            vm.assertEq(debt, handler.modelDebt(i), "debt is every shortfall (to MAX_DEBT) less what deposits repaid");
            vm.assertEq(
                debt, escrow.debtTo(b, BENEFICIARY) + escrow.debtTo(b, BENEFICIARY_2), "debt is owed to beneficiaries"
            );
        }
    }

    function invariant_withdrawalsNeverPayWhatWinsOwe() public view {
        modelAgrees();
        vm.assertEq(handler.withdrawalsInDebt(), 0, "no withdrawal while in debt");
        vm.assertEq(handler.withdrawalsOverpaid(), 0, "no withdrawal beyond the request and the escrow");
        for (uint256 i = 0; i < BUILDERS; i++) {
            address b = handler.builderAt(i);
            vm.assertTrue(escrow.debtOf(b) == 0 || escrow.balanceOf(b) == 0, "escrow and debt never coexist");
            vm.assertEq(
                handler.deposited(i),
                escrow.balanceOf(b) + handler.withdrawn(i) + handler.charged(i) + handler.repaid(i),
                "every deposited wei is escrow, withdrawn, charged or repaid"
            );
        }
    }

    function modelAgrees() internal view {
        vm.assertEq(handler.mismatches(), 0, handler.lastMismatch());
    }
}
