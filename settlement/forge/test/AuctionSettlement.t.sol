// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {AuctionSettlement} from "gavel/AuctionSettlement.sol";
import {BuilderHub} from "gavel/BuilderHub.sol";
import {IBlockHashSource} from "gavel/IBlockHashSource.sol";
import {SignedBlockHashSource} from "gavel/SignedBlockHashSource.sol";
import {Vm} from "./Cheats.sol";
import {Fixture, ScriptedSource} from "./Fixture.sol";

/// @notice Unit and fuzz tests of settlement that no item can stop, and of escrow that no debt escapes.
contract AuctionSettlementTest is Fixture {
    uint256 internal constant MAX = type(uint256).max;

    function setUp() public {
        deployGavel();
    }

    // ---- settle() cannot be stopped by an item ----

    function test_twoMaxPriceWinsOfAOneWeiBuilderSettleAndSaturateItsDebt() public {
        deposit(0, 1);
        AuctionSettlement.Item[] memory items = new AuctionSettlement.Item[](2);
        items[0] = honestItem(0, FIRST_PRICE_FROM, MAX);
        items[1] = honestItem(0, FIRST_PRICE_FROM + 1, MAX);

        vm.recordLogs();
        settlement.settle(items);

        vm.assertEq(countLogs(AuctionSettlement.AuctionSettled.selector), 2, "both items settled");
        vm.assertEq(settlement.debtOf(builder(0)), settlement.MAX_DEBT(), "debt saturates");
        vm.assertEq(settlement.debtTo(builder(0), BENEFICIARY_2), settlement.MAX_DEBT(), "owed to the beneficiary");
        vm.assertEq(settlement.proceedsOf(BENEFICIARY_2), 1, "the one wei was charged");
        vm.assertEq(uint256(status(0)), uint256(BuilderHub.Status.SUSPENDED), "the debtor is suspended");
        vm.assertTrue(settlement.settled(FIRST_PRICE_FROM + 1), "the second block is charged");
    }

    function testFuzz_twoHugeWinsNeverRevertAndRecordTheShortfallUpToTheCap(uint256 a, uint256 b, uint96 escrow)
        public
    {
        a = bound(a, MAX - type(uint128).max, MAX);
        b = bound(b, 1, MAX);
        if (escrow > 0) deposit(1, escrow);
        AuctionSettlement.Item[] memory items = new AuctionSettlement.Item[](2);
        items[0] = honestItem(1, FIRST_PRICE_FROM + 7, a);
        items[1] = honestItem(1, FIRST_PRICE_FROM + 8, b);

        settlement.settle(items);

        uint256 firstCharge = a < escrow ? a : escrow;
        uint256 left = escrow - firstCharge;
        uint256 secondCharge = b < left ? b : left;
        (uint256 firstShortfall, uint256 secondShortfall) = (a - firstCharge, b - secondCharge);
        uint256 expected = secondShortfall > MAX - firstShortfall ? MAX : firstShortfall + secondShortfall;
        vm.assertEq(settlement.debtOf(builder(1)), expected, "debt is the shortfall, saturated");
        vm.assertEq(settlement.balanceOf(builder(1)), 0, "escrow is spent");
        vm.assertEq(settlement.proceedsOf(BENEFICIARY_2), escrow, "all of it to the beneficiary");
    }

    function testFuzz_aFullBatchOfHostileItemsNeverReverts(uint256 seed) public {
        deposit(0, 1 ether);
        deposit(1, 1);
        AuctionSettlement.Item[] memory items = new AuctionSettlement.Item[](64);
        for (uint256 i = 0; i < items.length; i++) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            uint64 blockNumber = uint64(bound(r >> 8, 100, 420));
            uint256 index = (r >> 80) % BUILDERS;
            uint256 value = r % 3 == 0 ? MAX - (r >> 200) : (r >> 128) % 1 ether;
            items[i] = honestItem(index == REGISTERED ? 0 : index, blockNumber, value);
            if (index == REGISTERED) {
                items[i].winner.builder = builder(REGISTERED); // unregistered builder claims it
                items[i].winnerSignature = sign(items[i].winner, builderKey(REGISTERED));
            }
            uint256 flaw = (r >> 16) % 8;
            if (flaw == 1) items[i].winnerSignature = hex"0badc0de";
            if (flaw == 2) items[i].winner.blockHash = bytes32(r);
            if (flaw == 3) items[i].blockHashProof = hex"ff";
            if (flaw == 4) {
                items[i].runnerUp = bid((index + 1) % REGISTERED, blockNumber, bytes32(r), value / 2);
                items[i].runnerUpSignature = sign(items[i].runnerUp, builderKey((index + 1) % REGISTERED));
            }
            if (flaw == 5) {
                items[i].runnerUp = bid(index % REGISTERED, blockNumber, bytes32(r), value);
                items[i].runnerUpSignature = new bytes(65);
            }
        }

        vm.recordLogs();
        settlement.settle(items);

        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 outcomes = count(logs, AuctionSettlement.AuctionSettled.selector)
            + count(logs, AuctionSettlement.SettlementSkipped.selector);
        vm.assertEq(outcomes, 64, "every item is settled or skipped with a reason");
    }

    function test_aFailingSourceOrHubSkipsTheItemOrSettlesWithAnEvent() public {
        deposit(0, 1 ether);
        AuctionSettlement.Item[] memory items = new AuctionSettlement.Item[](2);
        items[0] = honestItem(0, 400, 1_000);
        items[0].blockHashProof = hex"ff";
        items[1] = honestItem(0, 401, 1_000);

        vm.recordLogs();
        settlement.settle(items);

        vm.assertEq(onlySkipReason(), uint256(AuctionSettlement.SkipReason.SOURCE_CALL_FAILED), "reverting source");
        vm.assertTrue(settlement.settled(401), "the next item settles");

        source.setMode(ScriptedSource.Mode.SILENT);
        vm.recordLogs();
        settleOne(honestItem(0, 402, 1_000));
        vm.assertEq(onlySkipReason(), uint256(AuctionSettlement.SkipReason.SOURCE_CALL_FAILED), "silent source");
        source.setMode(ScriptedSource.Mode.ANSWER);

        hub.setSettlement(address(0xdead)); // the hub no longer lets this contract suspend or record blocks
        vm.recordLogs();
        settleOne(honestItem(1, 403, 1_000));
        vm.assertEq(countLogs(AuctionSettlement.SuspensionFailed.selector), 1, "suspension failed, by event");
        vm.assertEq(settlement.debtOf(builder(1)), 1_000, "the debt stands");
    }

    function test_aMalformedProofForTheSignedSourceIsSkipped() public {
        SignedBlockHashSource signed = new SignedBlockHashSource(901, vm.addr(0x5E0));
        settlement.scheduleBlockHashSource(signed, uint64(hub.earliestActivation()));
        AuctionSettlement.Item memory item = honestItem(0, uint64(hub.earliestActivation()) + 1, 1_000);
        item.blockHashProof = hex"0102030405";

        vm.recordLogs();
        settleOne(item);

        vm.assertEq(onlySkipReason(), uint256(AuctionSettlement.SkipReason.SOURCE_CALL_FAILED), "undecodable proof");
    }

    // ---- no escape from debt ----

    function testFuzz_depositsRepayDebtFirst(uint96 owed, uint96 paid) public {
        vm.assume(owed > 0 && paid > 0);
        settleOne(honestItem(2, FIRST_PRICE_FROM + 3, owed));
        vm.assertEq(settlement.debtOf(builder(2)), owed, "a win with no escrow is debt");

        deposit(2, paid);

        uint256 repaid = paid < owed ? paid : owed;
        vm.assertEq(settlement.debtOf(builder(2)), owed - repaid, "debt goes down first");
        vm.assertEq(settlement.proceedsOf(BENEFICIARY_2), repaid, "the repayment is the beneficiary's");
        vm.assertEq(settlement.balanceOf(builder(2)), paid - repaid, "only the rest is escrow");
        vm.assertEq(address(settlement).balance, paid, "every wei is accounted for");
    }

    function test_aDepositRepaysEveryBeneficiaryWhatItIsOwed() public {
        settleOne(honestItem(2, SECOND_PRICE_FROM + 1, 5_000)); // second price: the reserve, 100, to BENEFICIARY
        settleOne(honestItem(2, FIRST_PRICE_FROM + 1, 5_000)); // first price: 5,000 to BENEFICIARY_2
        vm.assertEq(settlement.debtOf(builder(2)), 5_100, "two debts");

        deposit(2, 5_050);

        vm.assertEq(settlement.proceedsOf(BENEFICIARY_2), 5_000, "the newest creditor is repaid first");
        vm.assertEq(settlement.proceedsOf(BENEFICIARY), 50, "then the older one");
        vm.assertEq(settlement.debtTo(builder(2), BENEFICIARY), 50, "which is still owed the rest");
        vm.assertEq(settlement.creditorsOf(builder(2)).length, 1, "a repaid creditor leaves the list");

        deposit(2, 1_000);
        vm.assertEq(settlement.debtOf(builder(2)), 0, "all repaid");
        vm.assertEq(settlement.balanceOf(builder(2)), 950, "the rest is escrow");
    }

    function test_aMaturedRequestExpires() public {
        deposit(0, 1_000);
        vm.prank(builder(0));
        settlement.requestWithdrawal(400);
        (, uint64 availableAt, uint64 expiresAt) = settlement.pendingWithdrawal(builder(0));
        vm.assertEq(availableAt, block.number + 257, "available after the delay");
        vm.assertEq(expiresAt, availableAt + 64, "expires after the window");
        vm.assertEq(settlement.availableOf(builder(0)), 600, "requested funds back no bid");

        vm.roll(availableAt - 1);
        vm.expectRevert(abi.encodeWithSelector(AuctionSettlement.WithdrawalNotYetAvailable.selector, availableAt));
        withdrawAs(0);

        vm.roll(expiresAt);
        vm.expectRevert(abi.encodeWithSelector(AuctionSettlement.WithdrawalExpired.selector, expiresAt));
        withdrawAs(0);
        vm.assertEq(settlement.requestedOf(builder(0)), 0, "an expired request asks for nothing");
        vm.assertEq(settlement.availableOf(builder(0)), 1_000, "and all escrow backs bids again");
    }

    function test_requestedFundsStayChargeableAndTheWithdrawalPaysOnlyWhatIsLeft() public {
        deposit(0, 1_000);
        vm.prank(builder(0));
        settlement.requestWithdrawal(1_000);
        settleOne(honestItem(0, FIRST_PRICE_FROM + 5, 300));
        vm.roll(block.number + 257);

        withdrawAs(0);

        vm.assertEq(builder(0).balance, 700, "paid the requested amount less the win");
        vm.assertEq(settlement.proceedsOf(BENEFICIARY_2), 300, "the win was paid from requested funds");
    }

    function test_aBuilderInDebtWithdrawsNothing() public {
        deposit(0, 1_000);
        vm.prank(builder(0));
        settlement.requestWithdrawal(1_000);
        settleOne(honestItem(0, FIRST_PRICE_FROM + 6, 1_500));
        vm.roll(block.number + 257);

        vm.expectRevert(abi.encodeWithSelector(AuctionSettlement.OutstandingDebt.selector, 500));
        withdrawAs(0);
    }

    function test_withdrawalSettingsHaveFloors() public {
        vm.expectRevert(
            abi.encodeWithSelector(AuctionSettlement.SettingOutOfRange.selector, 256, 257, type(uint32).max)
        );
        settlement.setWithdrawalDelay(256);
        vm.expectRevert(abi.encodeWithSelector(AuctionSettlement.SettingOutOfRange.selector, 0, 64, type(uint32).max));
        settlement.setWithdrawalWindow(0);
        vm.expectRevert(abi.encodeWithSelector(AuctionSettlement.SettingOutOfRange.selector, 10, 257, type(uint32).max));
        new AuctionSettlement(address(this), 10, 64, hub, source);
    }

    // ---- governance cannot reach back ----

    function test_setPolicyDelayZeroThenScheduleAtTheCurrentBlockReverts() public {
        settleOne(honestItem(0, 5_000, 100));
        vm.assertEq(hub.highestProvenBlock(), 5_000, "settling proves the block");

        vm.expectRevert(abi.encodeWithSelector(BuilderHub.PolicyDelayOutOfRange.selector, 0, 128, type(uint32).max));
        hub.setPolicyDelay(0);
        vm.expectRevert(abi.encodeWithSelector(BuilderHub.ActivationTooEarly.selector, 5_000, 5_128));
        hub.schedulePolicy(policy(0, BENEFICIARY), 5_000);
    }

    function testFuzz_aPolicyActivatingSoonerThanTheFloorReverts(uint64 proven, uint64 activation) public {
        proven = uint64(bound(proven, FIRST_PRICE_FROM, type(uint64).max - 256));
        settleOne(honestItem(0, proven, 100));
        uint256 earliest = uint256(proven) + 128;
        activation = uint64(bound(activation, 0, earliest - 1));

        vm.expectRevert(abi.encodeWithSelector(BuilderHub.ActivationTooEarly.selector, activation, earliest));
        hub.schedulePolicy(policy(0, BENEFICIARY), activation);

        hub.schedulePolicy(policy(0, BENEFICIARY), uint64(earliest));
        vm.assertEq(hub.policyCount(), 3, "at the floor it is scheduled");
    }

    function test_anyoneCanProveABlockToRaiseTheFloor() public {
        vm.prank(address(0xA11CE));
        settlement.proveBlock(9_000, "");
        vm.assertEq(hub.earliestActivation(), 9_128, "the floor follows the proven block");

        source.setMode(ScriptedSource.Mode.REVERT);
        vm.expectRevert(abi.encodeWithSelector(AuctionSettlement.NotProven.selector, 9_500));
        settlement.proveBlock(9_500, "");
    }

    function test_aZeroBeneficiaryReverts() public {
        vm.expectRevert(BuilderHub.ZeroBeneficiary.selector);
        hub.schedulePolicy(policy(0, address(0)), 10_000);
    }

    function test_aBlockHashSourceChangeIsDelayedAndOnlyGovernsLaterBlocks() public {
        settleOne(honestItem(0, 1_000, 100));
        ScriptedSource next = new ScriptedSource();
        next.setMode(ScriptedSource.Mode.REVERT);

        vm.expectRevert(abi.encodeWithSelector(AuctionSettlement.ActivationTooEarly.selector, 1_127, 1_128));
        settlement.scheduleBlockHashSource(next, 1_127);
        vm.expectRevert(abi.encodeWithSelector(AuctionSettlement.NotAContract.selector, address(0xC0FFEE)));
        settlement.scheduleBlockHashSource(IBlockHashSource(address(0xC0FFEE)), 2_000);
        vm.prank(address(0xBAD));
        vm.expectRevert(abi.encodeWithSignature("OwnableUnauthorizedAccount(address)", address(0xBAD)));
        settlement.scheduleBlockHashSource(next, 2_000);

        settlement.scheduleBlockHashSource(next, 1_128);

        vm.assertEq(address(settlement.blockHashSourceAt(1_127)), address(source), "earlier blocks keep their source");
        vm.assertEq(address(settlement.blockHashSourceAt(1_128)), address(next), "later ones use the new one");
        vm.recordLogs();
        AuctionSettlement.Item[] memory items = new AuctionSettlement.Item[](2);
        items[0] = honestItem(0, 1_127, 100);
        items[1] = honestItem(0, 1_128, 100);
        settlement.settle(items);
        vm.assertTrue(settlement.settled(1_127), "proven by the old source");
        vm.assertEq(onlySkipReason(), uint256(AuctionSettlement.SkipReason.SOURCE_CALL_FAILED), "asked the new one");
    }

    // ---- helpers ----

    function withdrawAs(uint256 index) internal {
        vm.prank(builder(index));
        settlement.withdraw();
    }
}
