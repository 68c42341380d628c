// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {AuctionSettlement} from "gavel/AuctionSettlement.sol";
import {BuilderHub} from "gavel/BuilderHub.sol";
import {IAttestationVerifier} from "gavel/IAttestationVerifier.sol";
import {IBlockHashSource} from "gavel/IBlockHashSource.sol";
import {Cheats, Vm} from "./Cheats.sol";

/// @notice Accepts any quote: the proof is abi.encode(workloadId, reportData). Attestation has its own tests.
contract AcceptingVerifier is IAttestationVerifier {
    function verify(bytes calldata, bytes calldata proof) external pure returns (bytes32, bytes memory) {
        return abi.decode(proof, (bytes32, bytes));
    }
}

/// @notice A block-hash source that knows every block: block n's canonical hash is `canonical(n)`. It can be
/// told to misbehave (revert, answer nothing), and a one-byte proof 0xff makes it revert for that item alone.
contract ScriptedSource is IBlockHashSource {
    enum Mode {
        ANSWER,
        REVERT,
        SILENT
    }

    Mode public mode;

    function setMode(Mode newMode) external {
        mode = newMode;
    }

    function canonical(uint64 blockNumber) public pure returns (bytes32) {
        return keccak256(abi.encode("canonical", blockNumber));
    }

    function canonicalHash(uint64 blockNumber, bytes calldata proof) external view returns (bytes32) {
        if (mode == Mode.REVERT || (proof.length == 1 && proof[0] == 0xff)) revert("source refuses");
        if (mode == Mode.SILENT) {
            assembly {
                return(0, 0)
            }
        }
        return canonical(blockNumber);
    }
}

/// @notice Gavel's contracts as the forge tests use them: a BuilderHub (permissionless, second price with
/// reserve 100 from auctioned block 128 paid to BENEFICIARY, first price from block 300 paid to
/// BENEFICIARY_2), an AuctionSettlement with the minimum delays, a ScriptedSource, and four registered
/// builders (keys 0xB1..0xB4) plus one that never registers (0xB5). This contract owns both contracts and is
/// the auctioneer.
abstract contract Fixture is Cheats {
    bytes32 internal constant WORKLOAD = keccak256("op-rbuilder v1");
    address internal constant BENEFICIARY = address(0xBE1);
    address internal constant BENEFICIARY_2 = address(0xBE2);
    uint256 internal constant RESERVE = 100;
    uint64 internal constant SECOND_PRICE_FROM = 128;
    uint64 internal constant FIRST_PRICE_FROM = 300;
    uint256 internal constant BUILDERS = 5;
    uint256 internal constant REGISTERED = 4;

    BuilderHub internal hub;
    AuctionSettlement internal settlement;
    ScriptedSource internal source;

    function deployGavel() internal {
        hub = new BuilderHub(address(this), 128);
        hub.setAttestationVerifier(new AcceptingVerifier());
        hub.approveWorkload(WORKLOAD, "31bb2820", new string[](0));
        hub.setPermissionMode(BuilderHub.PermissionMode.PERMISSIONLESS);
        hub.setAuctioneer(address(this));
        source = new ScriptedSource();
        settlement = new AuctionSettlement(address(this), 257, 64, hub, source);
        hub.setSettlement(address(settlement));
        hub.schedulePolicy(policy(1, BENEFICIARY), SECOND_PRICE_FROM);
        hub.schedulePolicy(policy(0, BENEFICIARY_2), FIRST_PRICE_FROM);
        for (uint256 i = 0; i < REGISTERED; i++) {
            register(builderKey(i));
        }
        vm.roll(1_000);
    }

    function policy(uint8 format, address beneficiary) internal pure returns (BuilderHub.Policy memory) {
        return BuilderHub.Policy(format, RESERVE, 100, 4, 0, beneficiary);
    }

    function register(uint256 key) internal {
        address tee = vm.addr(key);
        bytes memory registration = abi.encode("builder", tee);
        bytes memory reportData = abi.encodePacked(tee, keccak256(registration), bytes12(0));
        vm.prank(tee);
        hub.register("quote", registration, abi.encode(WORKLOAD, reportData));
    }

    function builderKey(uint256 index) internal pure returns (uint256) {
        return 0xB1 + index;
    }

    function builder(uint256 index) internal pure returns (address) {
        return vm.addr(builderKey(index));
    }

    function bid(uint256 index, uint64 blockNumber, bytes32 blockHash, uint256 value)
        internal
        pure
        returns (AuctionSettlement.Bid memory)
    {
        return AuctionSettlement.Bid(
            blockNumber, keccak256(abi.encode("parent", blockNumber)), blockHash, value, builder(index)
        );
    }

    function sign(AuctionSettlement.Bid memory signed, uint256 key) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, settlement.bidDigest(signed));
        return abi.encodePacked(r, s, v);
    }

    /// @dev A won block at its canonical hash, signed by its builder, without runner-up (second price: the reserve).
    function honestItem(uint256 index, uint64 blockNumber, uint256 value)
        internal
        view
        returns (AuctionSettlement.Item memory item)
    {
        item.winner = bid(index, blockNumber, source.canonical(blockNumber), value);
        item.winnerSignature = sign(item.winner, builderKey(index));
    }

    function deposit(uint256 index, uint256 amount) internal {
        address who = builder(index);
        vm.deal(who, amount);
        vm.prank(who);
        settlement.deposit{value: amount}();
    }

    function settleOne(AuctionSettlement.Item memory item) internal {
        AuctionSettlement.Item[] memory items = new AuctionSettlement.Item[](1);
        items[0] = item;
        settlement.settle(items);
    }

    function status(uint256 index) internal view returns (BuilderHub.Status s) {
        (s,,,) = hub.builders(builder(index));
    }

    /// @dev How many events with `topic` the settlement contract emitted since recordLogs (which this resets).
    function countLogs(bytes32 topic) internal returns (uint256) {
        return count(vm.getRecordedLogs(), topic);
    }

    function count(Vm.Log[] memory logs, bytes32 topic) internal view returns (uint256 found) {
        for (uint256 i = 0; i < logs.length; i++) {
            if (logs[i].emitter == address(settlement) && logs[i].topics[0] == topic) found++;
        }
    }

    /// @dev The reason of the one SettlementSkipped event recorded since recordLogs (fails on none or several).
    function onlySkipReason() internal returns (uint256 reason) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 found;
        for (uint256 i = 0; i < logs.length; i++) {
            if (logs[i].topics[0] == AuctionSettlement.SettlementSkipped.selector) {
                reason = abi.decode(logs[i].data, (uint256));
                found++;
            }
        }
        vm.assertEq(found, 1, "exactly one item skipped");
    }
}
