// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title Gavel's escrow and the EIP-712 verifying contract of bids.
/// @notice Builders deposit native ETH; winners will be charged from it by settle() (next step). A
/// withdrawal is requested first and paid only after `withdrawalDelay` blocks, longer than the settlement
/// window, and requested funds stay chargeable until paid, so a winner cannot run from its debt.
contract AuctionSettlement is EIP712, Ownable2Step, ReentrancyGuard {
    bytes32 public constant BID_TYPEHASH =
        keccak256("Bid(uint64 blockNumber,bytes32 parentHash,bytes32 blockHash,uint256 value,address builder)");

    struct Bid {
        uint64 blockNumber;
        bytes32 parentHash;
        bytes32 blockHash;
        uint256 value;
        address builder;
    }

    struct Withdrawal {
        uint256 amount;
        uint64 availableAt;
    }

    uint64 public immutable withdrawalDelay;
    mapping(address builder => uint256) public balanceOf;
    mapping(address builder => Withdrawal) public pendingWithdrawal;

    event Deposited(address indexed builder, uint256 amount, uint256 balance);
    event WithdrawalRequested(address indexed builder, uint256 amount, uint64 availableAt);
    event Withdrawn(address indexed builder, uint256 amount);

    error ZeroAmount();
    error InsufficientBalance(uint256 requested, uint256 available);
    error NoWithdrawalRequested();
    error WithdrawalNotYetAvailable(uint64 availableAt);
    error TransferFailed();

    constructor(address initialOwner, uint64 withdrawalDelayBlocks) EIP712("Gavel", "1") Ownable(initialOwner) {
        withdrawalDelay = withdrawalDelayBlocks;
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
