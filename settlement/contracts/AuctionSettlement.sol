// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {BuilderHub} from "./BuilderHub.sol";
import {IBlockHashSource} from "./IBlockHashSource.sol";

/// @title Gavel's escrow, settlement and the EIP-712 verifying contract of bids.
/// @notice Builders deposit native ETH. The auctioneer settles won blocks in batches; the contract
/// re-checks every item itself (signature, registration, canonical block hash, policy at that block, the
/// runner-up's own signed bid for second price) and charges each block once: a replayed or unprovable item
/// is skipped with an event, never reverted. A withdrawal is paid only after `withdrawalDelay` blocks,
/// longer than the settlement window, and requested funds stay chargeable until paid.
contract AuctionSettlement is EIP712, Ownable2Step, ReentrancyGuard {
    uint8 private constant SECOND_PRICE = 1;
    bytes32 public constant BID_TYPEHASH =
        keccak256("Bid(uint64 blockNumber,bytes32 parentHash,bytes32 blockHash,uint256 value,address builder)");

    struct Bid {
        uint64 blockNumber;
        bytes32 parentHash;
        bytes32 blockHash;
        uint256 value;
        address builder;
    }

    /// @notice One won block: the winning bid, and for second price the best bid of another builder.
    struct Item {
        Bid winner;
        bytes winnerSignature;
        Bid runnerUp;
        bytes runnerUpSignature;
        bytes blockHashProof;
    }

    enum SkipReason {
        ALREADY_SETTLED,
        BAD_SIGNATURE,
        NOT_REGISTERED,
        NOT_CANONICAL,
        NO_POLICY,
        FORGED_RUNNER_UP
    }

    struct Withdrawal {
        uint256 amount;
        uint64 availableAt;
    }

    uint64 public immutable withdrawalDelay;
    BuilderHub public immutable hub;
    IBlockHashSource public blockHashSource;
    mapping(address builder => uint256) public balanceOf;
    mapping(address builder => Withdrawal) public pendingWithdrawal;
    mapping(address builder => uint256) public debtOf;
    mapping(address beneficiary => uint256) public proceedsOf;
    /// @dev One bit per block, 256 blocks a word: auctioned blocks are consecutive, so most settlements
    /// update a word already written instead of paying for a fresh storage slot.
    mapping(uint256 word => uint256) private settledBits;

    event Deposited(address indexed builder, uint256 amount, uint256 balance);
    event WithdrawalRequested(address indexed builder, uint256 amount, uint64 availableAt);
    event Withdrawn(address indexed builder, uint256 amount);
    event BlockHashSourceSet(address indexed source);
    event AuctionSettled(uint64 indexed blockNumber, address indexed builder, uint256 price, bytes32 blockHash, uint256 charged);
    event SettlementSkipped(uint64 indexed blockNumber, SkipReason reason);
    event DebtRecorded(address indexed builder, uint256 shortfall, uint256 debt);
    event ProceedsWithdrawn(address indexed beneficiary, uint256 amount);

    error ZeroAmount();
    error InsufficientBalance(uint256 requested, uint256 available);
    error NoWithdrawalRequested();
    error WithdrawalNotYetAvailable(uint64 availableAt);
    error TransferFailed();
    error NotAuctioneer(address caller);
    error NoProceeds();

    constructor(address initialOwner, uint64 withdrawalDelayBlocks, BuilderHub builderHub, IBlockHashSource source)
        EIP712("Gavel", "1")
        Ownable(initialOwner)
    {
        withdrawalDelay = withdrawalDelayBlocks;
        hub = builderHub;
        blockHashSource = source;
        emit BlockHashSourceSet(address(source));
    }

    function setBlockHashSource(IBlockHashSource source) external onlyOwner {
        blockHashSource = source;
        emit BlockHashSourceSet(address(source));
    }

    function deposit() external payable {
        if (msg.value == 0) revert ZeroAmount();
        uint256 balance = balanceOf[msg.sender] + msg.value;
        balanceOf[msg.sender] = balance;
        emit Deposited(msg.sender, msg.value, balance);
    }

    /// @notice Asks to withdraw `amount` after the delay; the funds stay in escrow (and chargeable) until then.
    function requestWithdrawal(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        uint256 available = balanceOf[msg.sender];
        if (amount > available) revert InsufficientBalance(amount, available);
        uint64 availableAt = uint64(block.number) + withdrawalDelay;
        pendingWithdrawal[msg.sender] = Withdrawal(amount, availableAt);
        emit WithdrawalRequested(msg.sender, amount, availableAt);
    }

    /// @notice Pays a requested withdrawal once its delay has passed: at most what is still in escrow.
    function withdraw() external nonReentrant {
        Withdrawal memory pending = pendingWithdrawal[msg.sender];
        if (pending.amount == 0) revert NoWithdrawalRequested();
        if (block.number < pending.availableAt) revert WithdrawalNotYetAvailable(pending.availableAt);
        uint256 balance = balanceOf[msg.sender];
        uint256 amount = pending.amount < balance ? pending.amount : balance;
        delete pendingWithdrawal[msg.sender];
        balanceOf[msg.sender] = balance - amount;
        emit Withdrawn(msg.sender, amount);
        (bool sent,) = msg.sender.call{value: amount}("");
        if (!sent) revert TransferFailed();
    }

    /// @notice Settles won blocks; only the hub's auctioneer may call it. Items that do not prove out are skipped.
    function settle(Item[] calldata items) external nonReentrant {
        if (msg.sender != hub.auctioneer()) revert NotAuctioneer(msg.sender);
        for (uint256 i = 0; i < items.length; i++) {
            _settle(items[i]);
        }
    }

    /// @notice Whether block `blockNumber` has been charged.
    function settled(uint64 blockNumber) public view returns (bool) {
        return settledBits[blockNumber >> 8] & (1 << (blockNumber & 0xff)) != 0;
    }

    function withdrawProceeds() external nonReentrant {
        uint256 amount = proceedsOf[msg.sender];
        if (amount == 0) revert NoProceeds();
        proceedsOf[msg.sender] = 0;
        emit ProceedsWithdrawn(msg.sender, amount);
        (bool sent,) = msg.sender.call{value: amount}("");
        if (!sent) revert TransferFailed();
    }

    function _settle(Item calldata item) private {
        Bid calldata bid = item.winner;
        if (settled(bid.blockNumber)) return _skip(bid.blockNumber, SkipReason.ALREADY_SETTLED);
        if (_signer(bid, item.winnerSignature) != bid.builder) return _skip(bid.blockNumber, SkipReason.BAD_SIGNATURE);
        if (!hub.isRegistered(bid.builder)) return _skip(bid.blockNumber, SkipReason.NOT_REGISTERED);
        bytes32 canonical = blockHashSource.canonicalHash(bid.blockNumber, item.blockHashProof);
        if (canonical == bytes32(0) || canonical != bid.blockHash) return _skip(bid.blockNumber, SkipReason.NOT_CANONICAL);
        BuilderHub.Policy memory policy;
        try hub.policyAt(bid.blockNumber) returns (BuilderHub.Policy memory found) {
            policy = found;
        } catch {
            return _skip(bid.blockNumber, SkipReason.NO_POLICY);
        }
        (bool valid, uint256 price) = _price(item, policy);
        if (!valid) return _skip(bid.blockNumber, SkipReason.FORGED_RUNNER_UP);
        settledBits[bid.blockNumber >> 8] |= 1 << (bid.blockNumber & 0xff);
        uint256 charged = _charge(bid.builder, price, policy.beneficiary);
        emit AuctionSettled(bid.blockNumber, bid.builder, price, bid.blockHash, charged);
    }

    /// @dev First price: the winning bid. Second price: the runner-up's bid (a different registered builder,
    /// same block and parent), never below the reserve nor above the winning bid.
    function _price(Item calldata item, BuilderHub.Policy memory policy) private view returns (bool valid, uint256 price) {
        Bid calldata bid = item.winner;
        if (policy.format != SECOND_PRICE) return (true, bid.value);
        price = policy.reservePrice;
        if (item.runnerUpSignature.length > 0) {
            Bid calldata runnerUp = item.runnerUp;
            if (_signer(runnerUp, item.runnerUpSignature) != runnerUp.builder || runnerUp.builder == bid.builder
                || runnerUp.blockNumber != bid.blockNumber || runnerUp.parentHash != bid.parentHash
                || !hub.isRegistered(runnerUp.builder) || runnerUp.value > bid.value) {
                return (false, 0);
            }
            if (runnerUp.value > price) price = runnerUp.value;
        }
        if (price > bid.value) price = bid.value;
        return (true, price);
    }

    /// @dev Charges what escrow holds; a shortfall becomes debt and suspends the builder in the hub.
    function _charge(address builder, uint256 price, address beneficiary) private returns (uint256 charged) {
        uint256 balance = balanceOf[builder];
        charged = price < balance ? price : balance;
        balanceOf[builder] = balance - charged;
        proceedsOf[beneficiary] += charged;
        if (charged < price) {
            uint256 debt = debtOf[builder] + (price - charged);
            debtOf[builder] = debt;
            emit DebtRecorded(builder, price - charged, debt);
            hub.suspend(builder);
        }
    }

    function _skip(uint64 blockNumber, SkipReason reason) private {
        emit SettlementSkipped(blockNumber, reason);
    }

    /// @dev The bid's signer, or the zero address for a malformed or malleable signature (no revert mid-batch).
    function _signer(Bid calldata bid, bytes calldata signature) private view returns (address) {
        (address signer, ECDSA.RecoverError error,) = ECDSA.tryRecover(bidDigest(bid), signature);
        return error == ECDSA.RecoverError.NoError ? signer : address(0);
    }

    /// @notice The EIP-712 digest a builder signs for `bid`: the same bytes Gavel's Java signer produces.
    function bidDigest(Bid calldata bid) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(abi.encode(BID_TYPEHASH, bid.blockNumber, bid.parentHash, bid.blockHash, bid.value, bid.builder))
        );
    }

    /// @notice Who signed `bid`; reverts on malformed or malleable (high-s) signatures, as OpenZeppelin's ECDSA does.
    function recoverBidder(Bid calldata bid, bytes calldata signature) external view returns (address) {
        return ECDSA.recover(bidDigest(bid), signature);
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }
}
