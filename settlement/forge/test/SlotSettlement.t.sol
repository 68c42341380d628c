// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {AuctionSettlement} from "gavel/AuctionSettlement.sol";
import {BuilderHub} from "gavel/BuilderHub.sol";
import {Fixture} from "./Fixture.sol";

/// @notice Ex-ante blocks: a won slot is charged its slot bid once, only when the block its winner's last
/// flashblock names is canonical, and two different signed flashblocks for one index cost the policy's penalty
/// once. The Fixture's policies plus an ex-ante one (penalty PENALTY, paid to BENEFICIARY) from EX_ANTE_FROM.
contract SlotSettlementTest is Fixture {
    uint64 internal constant EX_ANTE_FROM = 600;
    uint256 internal constant PENALTY = 1_000;
    bytes8 internal constant PAYLOAD_ID = bytes8(0x0a0a0a0a0a0a0a0a);

    function setUp() public {
        deployGavel();
        hub.schedulePolicy(BuilderHub.Policy(2, RESERVE, 100, 4, PENALTY, BENEFICIARY), EX_ANTE_FROM);
    }

    // ---- settleSlots ----

    function test_aWonSlotIsChargedItsBidOnceWhenItsLastFlashblockIsCanonical() public {
        deposit(0, 5_000);
        AuctionSettlement.SlotItem memory item = honestSlot(0, EX_ANTE_FROM, 700);

        vm.recordLogs();
        settleSlot(item);
        settleSlot(item);

        vm.assertEq(settlement.balanceOf(builder(0)), 4_300, "charged the slot bid");
        vm.assertEq(settlement.proceedsOf(BENEFICIARY), 700, "paid to the policy's beneficiary");
        vm.assertTrue(settlement.settled(EX_ANTE_FROM), "the block is charged");
        vm.assertEq(onlySkipReason(), uint256(AuctionSettlement.SkipReason.ALREADY_SETTLED), "the replay is skipped");
        vm.assertEq(hub.highestProvenBlock(), EX_ANTE_FROM, "the block is proven");
    }

    function test_aSlotWhoseLastFlashblockIsNotTheCanonicalBlockIsNotCharged() public {
        deposit(0, 5_000);
        AuctionSettlement.SlotItem memory item = honestSlot(0, EX_ANTE_FROM + 1, 700);
        item.last = flashblock(0, EX_ANTE_FROM + 1, 3, keccak256("an orphaned block"), keccak256("text"));

        vm.recordLogs();
        settleSlot(item);

        vm.assertEq(onlySkipReason(), uint256(AuctionSettlement.SkipReason.NOT_CANONICAL), "not canonical");
        vm.assertEq(settlement.balanceOf(builder(0)), 5_000, "nothing charged");
        vm.assertFalse(settlement.settled(EX_ANTE_FROM + 1), "the block stays unsettled");
    }

    function test_aFlashblockOfAnotherBuilderOrBlockOrAForgedSlotBidIsABadSignature() public {
        deposit(0, 5_000);
        uint64 number = EX_ANTE_FROM + 2;
        AuctionSettlement.SlotItem memory byAnother = honestSlot(0, number, 700);
        byAnother.last = flashblock(1, number, 0, source.canonical(number), keccak256("text"));
        AuctionSettlement.SlotItem memory ofAnotherBlock = honestSlot(0, number, 700);
        ofAnotherBlock.last = flashblock(0, number + 1, 0, source.canonical(number), keccak256("text"));
        AuctionSettlement.SlotItem memory forgedBid = honestSlot(0, number, 700);
        forgedBid.bid.value = 1;

        for (uint256 i = 0; i < 3; i++) {
            vm.recordLogs();
            settleSlot(i == 0 ? byAnother : i == 1 ? ofAnotherBlock : forgedBid);
            vm.assertEq(onlySkipReason(), uint256(AuctionSettlement.SkipReason.BAD_SIGNATURE), "bad signature");
        }
        vm.assertEq(settlement.balanceOf(builder(0)), 5_000, "nothing charged");
    }

    function test_aBlockIsChargedOnlyTheWayItsPolicySays() public {
        deposit(0, 5_000);

        vm.recordLogs();
        settleOne(honestItem(0, EX_ANTE_FROM + 3, 700));
        vm.assertEq(onlySkipReason(), uint256(AuctionSettlement.SkipReason.WRONG_FORMAT), "ex post in an ex-ante block");

        vm.recordLogs();
        settleSlot(honestSlot(0, FIRST_PRICE_FROM, 700));
        vm.assertEq(onlySkipReason(), uint256(AuctionSettlement.SkipReason.WRONG_FORMAT), "a slot in an ex-post block");
        vm.assertEq(settlement.balanceOf(builder(0)), 5_000, "nothing charged");
    }

    function testFuzz_settleAndSettleSlotsNeverChargeABlockTwice(uint8 order, uint96 value) public {
        deposit(0, type(uint96).max);
        deposit(1, type(uint96).max);
        uint64 number = EX_ANTE_FROM + 10;
        for (uint256 i = 0; i < 4; i++) {
            if ((order >> i) & 1 == 0) settleOne(honestItem(1, number, value));
            else settleSlot(honestSlot(0, number, value));
        }
        uint256 charged =
            2 * uint256(type(uint96).max) - settlement.balanceOf(builder(0)) - settlement.balanceOf(builder(1));
        vm.assertEq(charged, (order & 0x0f) == 0 ? 0 : value, "charged at most once, and only as a slot");
    }

    // ---- reportEquivocation ----

    function test_twoSignedFlashblocksForOneIndexCostThePenaltyOnce() public {
        deposit(2, 5_000);
        uint64 number = EX_ANTE_FROM + 4;
        AuctionSettlement.SignedFlashblock memory first = flashblock(2, number, 1, keccak256("a"), keccak256("text a"));
        AuctionSettlement.SignedFlashblock memory second = flashblock(2, number, 1, keccak256("b"), keccak256("text b"));

        vm.prank(address(0xCAFE)); // anyone may report: the pair is the proof
        settlement.reportEquivocation(first, second);

        vm.assertEq(settlement.balanceOf(builder(2)), 5_000 - PENALTY, "charged the penalty");
        vm.assertEq(settlement.proceedsOf(BENEFICIARY), PENALTY, "paid to the beneficiary");
        vm.assertTrue(settlement.penalized(builder(2), number), "recorded");
        vm.expectRevert(abi.encodeWithSelector(AuctionSettlement.AlreadyPenalized.selector, builder(2), number));
        settlement.reportEquivocation(second, first);
    }

    function test_aPenaltyBeyondTheEscrowBecomesDebtAndSuspends() public {
        deposit(3, 10);
        uint64 number = EX_ANTE_FROM + 5;

        settlement.reportEquivocation(
            flashblock(3, number, 0, keccak256("a"), keccak256("x")),
            flashblock(3, number, 0, keccak256("a"), keccak256("y"))
        );

        vm.assertEq(settlement.debtOf(builder(3)), PENALTY - 10, "the shortfall is owed");
        vm.assertEq(uint256(status(3)), uint256(BuilderHub.Status.SUSPENDED), "the builder is suspended");
    }

    function test_whatIsNotAnEquivocationIsRefused() public {
        uint64 number = EX_ANTE_FROM + 6;
        AuctionSettlement.SignedFlashblock memory a = flashblock(0, number, 1, keccak256("a"), keccak256("text a"));

        expectNotAnEquivocation(a, flashblock(0, number, 1, keccak256("a"), keccak256("text a"))); // same text
        expectNotAnEquivocation(a, flashblock(0, number, 2, keccak256("b"), keccak256("text b"))); // another index
        expectNotAnEquivocation(a, flashblock(0, number + 1, 1, keccak256("b"), keccak256("text b"))); // another block
        expectNotAnEquivocation(a, flashblock(1, number, 1, keccak256("b"), keccak256("text b"))); // another signer
        AuctionSettlement.SignedFlashblock memory forged = flashblock(0, number, 1, keccak256("b"), keccak256("text b"));
        forged.contentHash = keccak256("text c"); // the signature covers other text
        expectNotAnEquivocation(a, forged);

        AuctionSettlement.SignedFlashblock memory expostX =
            flashblock(0, FIRST_PRICE_FROM, 0, keccak256("a"), keccak256("x"));
        AuctionSettlement.SignedFlashblock memory expostY =
            flashblock(0, FIRST_PRICE_FROM, 0, keccak256("a"), keccak256("y"));
        vm.expectRevert(abi.encodeWithSelector(AuctionSettlement.NotAnExAnteBlock.selector, FIRST_PRICE_FROM));
        settlement.reportEquivocation(expostX, expostY);
        AuctionSettlement.SignedFlashblock memory strangerX = flashblock(4, number, 0, keccak256("a"), keccak256("x"));
        AuctionSettlement.SignedFlashblock memory strangerY = flashblock(4, number, 0, keccak256("a"), keccak256("y"));
        vm.expectRevert(abi.encodeWithSelector(AuctionSettlement.NotRegistered.selector, builder(4)));
        settlement.reportEquivocation(strangerX, strangerY);
    }

    // ---- helpers ----

    /// @dev A slot won by builder `index` for `value`, its last flashblock at the canonical hash.
    function honestSlot(uint256 index, uint64 number, uint256 value)
        internal
        view
        returns (AuctionSettlement.SlotItem memory item)
    {
        item.bid = AuctionSettlement.SlotBid(number, keccak256(abi.encode("parent", number)), value, builder(index));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(builderKey(index), settlement.slotBidDigest(item.bid));
        item.bidSignature = abi.encodePacked(r, s, v);
        item.last = flashblock(index, number, 4, source.canonical(number), keccak256("the last flashblock"));
    }

    function flashblock(uint256 index, uint64 number, uint64 position, bytes32 blockHash, bytes32 contentHash)
        internal
        view
        returns (AuctionSettlement.SignedFlashblock memory signed)
    {
        signed = AuctionSettlement.SignedFlashblock(number, PAYLOAD_ID, position, blockHash, contentHash, "");
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(builderKey(index), settlement.flashblockDigest(signed));
        signed.signature = abi.encodePacked(r, s, v);
    }

    function settleSlot(AuctionSettlement.SlotItem memory item) internal {
        AuctionSettlement.SlotItem[] memory items = new AuctionSettlement.SlotItem[](1);
        items[0] = item;
        settlement.settleSlots(items);
    }

    function expectNotAnEquivocation(
        AuctionSettlement.SignedFlashblock memory first,
        AuctionSettlement.SignedFlashblock memory second
    ) internal {
        vm.expectRevert(AuctionSettlement.NotAnEquivocation.selector);
        settlement.reportEquivocation(first, second);
    }
}
