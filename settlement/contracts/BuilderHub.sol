// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IAttestationVerifier} from "./IAttestationVerifier.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Bytes} from "@openzeppelin/contracts/utils/Bytes.sol";

/// @title Gavel's onchain builder hub: attested builders, approved workloads and the versioned auction policy.
/// @notice Builders register with a TDX quote whose REPORTDATA binds their TEE address (bytes 0..20, the key
/// that signs their bids) and keccak256 of their registration data (bytes 20..52). Governance approves
/// workloads, sets the verifier, the auctioneer, the auction's HPKE key and the policy; every change emits
/// an event so Gavel can mirror the hub.
/// @dev Every block number here is a block of the *auctioned* chain (the L2 whose blocks are sold), never
/// this chain's own block.number: policies activate at an auctioned block at least `policyDelay` blocks
/// past the highest auctioned block the contracts have seen proven canonical (`highestProvenBlock`, raised
/// by AuctionSettlement as it settles or proves blocks), so governance cannot change the rules of a block
/// that may already have been auctioned.
contract BuilderHub is EIP712, Ownable2Step {
    enum PermissionMode {
        PERMISSIONED,
        PERMISSIONLESS
    }

    enum Status {
        NONE,
        ACTIVE,
        SUSPENDED,
        BANNED
    }

    struct Workload {
        bool approved;
        string sourceCommit;
        string[] sourceLocators;
    }

    struct Builder {
        Status status;
        bytes32 workloadId;
        bytes32 registrationDataHash;
        uint64 registeredAt;
    }

    /// @notice format 0 = first-price, 1 = second-price (both decided at getPayload, ex post), 2 = ex-ante (the
    /// right to build the block is sold before it starts, at the winner's slot bid, and the winner streams
    /// flashblocks; minBuilderBalance is then also the penalty for an equivocation); bidCutoffMs before the
    /// block's timestamp.
    struct Policy {
        uint8 format;
        uint256 reservePrice;
        uint32 bidCutoffMs;
        uint16 maxBidsPerBuilder;
        uint256 minBuilderBalance;
        address beneficiary;
    }

    struct PolicyVersion {
        uint64 activationBlock;
        Policy policy;
    }

    bytes32 public constant REGISTER_TYPEHASH =
        keccak256("Register(bytes32 quoteHash,bytes32 registrationDataHash,uint256 nonce,uint256 deadline)");
    uint8 public constant FIRST_PRICE = 0;
    uint8 public constant SECOND_PRICE = 1;
    uint8 public constant EX_ANTE = 2;
    /// @notice Floor of `policyDelay`, in auctioned-chain blocks. The highest proven block trails the auction
    /// by the settlement latency (a batch every 32 items or 30 s) and Gavel's view of the hub trails this chain
    /// by its confirmation depth and poll interval; 128 blocks leaves room for both at 1 to 2 s blocks.
    uint64 public constant MIN_POLICY_DELAY = 128;
    /// @notice Ceiling of `policyDelay`, so that `highestProvenBlock + policyDelay` stays far from overflow.
    uint64 public constant MAX_POLICY_DELAY = type(uint32).max;

    IAttestationVerifier public attestationVerifier;
    PermissionMode public permissionMode;
    address public auctioneer;
    address public settlement;
    uint32 public auctionKeyId;
    bytes32 public auctionPublicKey;
    uint64 public policyDelay;
    /// @notice The highest auctioned-chain block proven canonical through AuctionSettlement: policies activate
    /// at least `policyDelay` blocks after it. Only rises.
    uint64 public highestProvenBlock;

    mapping(bytes32 workloadId => Workload) private workloads;
    mapping(address builder => Builder) public builders;
    mapping(address builder => bool) public allowed;
    mapping(address builder => uint256) public nonces;
    PolicyVersion[] private policies;

    event WorkloadApproved(bytes32 indexed workloadId, string sourceCommit, string[] sourceLocators);
    event WorkloadRevoked(bytes32 indexed workloadId);
    event AttestationVerifierSet(address indexed verifier);
    event PermissionModeSet(PermissionMode mode);
    event BuilderAllowed(address indexed builder, bool allowed);
    event BuilderRegistered(address indexed builder, bytes32 indexed workloadId, bytes32 quoteHash, bytes registrationData);
    event BuilderStatusChanged(address indexed builder, Status status);
    event AuctioneerSet(address indexed auctioneer);
    event SettlementSet(address indexed settlement);
    event AuctionKeySet(uint32 indexed keyId, bytes32 publicKey);
    event PolicyDelaySet(uint64 blocks);
    event PolicyScheduled(uint256 indexed version, uint64 activationBlock, Policy policy);
    event ProvenBlockRaised(uint64 blockNumber);

    error WorkloadNotApproved(bytes32 workloadId);
    error BadReportDataLength(uint256 length);
    error RegistrationDataMismatch(bytes32 committed, bytes32 given);
    error SenderIsNotTheTeeAddress(address sender, address teeAddress);
    error NotAllowed(address builder);
    error Banned(address builder);
    error PermitExpired(uint256 deadline);
    error BadPermitSigner(address signer, address teeAddress);
    error ActivationTooEarly(uint64 activationBlock, uint256 earliest);
    error ActivationNotAfterPrevious(uint64 activationBlock, uint64 previous);
    error UnknownFormat(uint8 format);
    error NoPolicyAt(uint64 blockNumber);
    error NotOwnerOrSettlement(address caller);
    error NoSuchBuilder(address builder);
    error PolicyDelayOutOfRange(uint64 blocks, uint64 min, uint64 max);
    error ZeroBeneficiary();
    error NotSettlement(address caller);

    constructor(address initialOwner, uint64 policyDelayBlocks) EIP712("GavelBuilderHub", "1") Ownable(initialOwner) {
        _setPolicyDelay(policyDelayBlocks);
    }

    // ---- governance ----

    function approveWorkload(bytes32 workloadId, string calldata sourceCommit, string[] calldata sourceLocators) external onlyOwner {
        workloads[workloadId] = Workload(true, sourceCommit, sourceLocators);
        emit WorkloadApproved(workloadId, sourceCommit, sourceLocators);
    }

    function revokeWorkload(bytes32 workloadId) external onlyOwner {
        workloads[workloadId].approved = false;
        emit WorkloadRevoked(workloadId);
    }

    function setAttestationVerifier(IAttestationVerifier verifier) external onlyOwner {
        attestationVerifier = verifier;
        emit AttestationVerifierSet(address(verifier));
    }

    function setPermissionMode(PermissionMode mode) external onlyOwner {
        permissionMode = mode;
        emit PermissionModeSet(mode);
    }

    function setAllowed(address builder, bool isAllowed) external onlyOwner {
        allowed[builder] = isAllowed;
        emit BuilderAllowed(builder, isAllowed);
    }

    function setAuctioneer(address newAuctioneer) external onlyOwner {
        auctioneer = newAuctioneer;
        emit AuctioneerSet(newAuctioneer);
    }

    /// @notice The settlement contract may suspend a builder that leaves a debt.
    function setSettlement(address newSettlement) external onlyOwner {
        settlement = newSettlement;
        emit SettlementSet(newSettlement);
    }

    function setAuctionKey(uint32 keyId, bytes32 publicKey) external onlyOwner {
        auctionKeyId = keyId;
        auctionPublicKey = publicKey;
        emit AuctionKeySet(keyId, publicKey);
    }

    /// @notice Sets the policy delay, in auctioned-chain blocks, within [MIN_POLICY_DELAY, MAX_POLICY_DELAY].
    function setPolicyDelay(uint64 blocks) external onlyOwner {
        _setPolicyDelay(blocks);
    }

    /// @notice Schedules a policy version; it governs auctioned-chain blocks from `activationBlock`, which must
    /// be at least `earliestActivation()`. The beneficiary must not be zero (its proceeds would be locked).
    function schedulePolicy(Policy calldata policy, uint64 activationBlock) external onlyOwner {
        if (policy.format > EX_ANTE) revert UnknownFormat(policy.format);
        if (policy.beneficiary == address(0)) revert ZeroBeneficiary();
        uint256 earliest = earliestActivation();
        if (activationBlock < earliest) revert ActivationTooEarly(activationBlock, earliest);
        if (policies.length > 0 && activationBlock <= policies[policies.length - 1].activationBlock) {
            revert ActivationNotAfterPrevious(activationBlock, policies[policies.length - 1].activationBlock);
        }
        policies.push(PolicyVersion(activationBlock, policy));
        emit PolicyScheduled(policies.length, activationBlock, policy);
    }

    /// @notice Raises `highestProvenBlock` to `blockNumber` if higher; only the settlement contract, which
    /// proved the block canonical through its block-hash source, may call it.
    function recordProvenBlock(uint64 blockNumber) external {
        if (msg.sender != settlement) revert NotSettlement(msg.sender);
        if (blockNumber > highestProvenBlock) {
            highestProvenBlock = blockNumber;
            emit ProvenBlockRaised(blockNumber);
        }
    }

    /// @notice Suspends an active builder (governance, or the settlement contract for a debtor); a ban stays a ban.
    function suspend(address builder) external {
        if (msg.sender != owner() && msg.sender != settlement) revert NotOwnerOrSettlement(msg.sender);
        if (builders[builder].status != Status.BANNED) {
            _setStatus(builder, Status.SUSPENDED);
        }
    }

    function reinstate(address builder) external onlyOwner {
        _setStatus(builder, Status.ACTIVE);
    }

    function ban(address builder) external onlyOwner {
        _setStatus(builder, Status.BANNED);
    }

    // ---- registration ----

    /// @notice Registers the caller, whose address must be the TEE address its quote binds.
    function register(bytes calldata quote, bytes calldata registrationData, bytes calldata proof) external {
        address teeAddress = _admit(quote, registrationData, proof);
        if (msg.sender != teeAddress) revert SenderIsNotTheTeeAddress(msg.sender, teeAddress);
    }

    /// @notice Registers a builder on its behalf: any account relays what the TEE key signed.
    function registerWithPermit(bytes calldata quote, bytes calldata registrationData, bytes calldata proof, uint256 deadline,
        bytes calldata signature) external {
        if (block.timestamp > deadline) revert PermitExpired(deadline);
        address teeAddress = _admit(quote, registrationData, proof);
        bytes32 digest = registerDigest(keccak256(quote), keccak256(registrationData), nonces[teeAddress], deadline);
        address signer = ECDSA.recover(digest, signature);
        if (signer != teeAddress) revert BadPermitSigner(signer, teeAddress);
        nonces[teeAddress]++;
    }

    function registerDigest(bytes32 quoteHash, bytes32 registrationDataHash, uint256 nonce, uint256 deadline) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(REGISTER_TYPEHASH, quoteHash, registrationDataHash, nonce, deadline)));
    }

    function _admit(bytes calldata quote, bytes calldata registrationData, bytes calldata proof) private returns (address teeAddress) {
        (bytes32 workloadId, bytes memory reportData) = attestationVerifier.verify(quote, proof);
        if (!workloads[workloadId].approved) revert WorkloadNotApproved(workloadId);
        // Bytes.slice clamps to the data it has: report data of another length must not bind a zero-padded address
        if (reportData.length != 64) revert BadReportDataLength(reportData.length);
        teeAddress = address(bytes20(Bytes.slice(reportData, 0, 20)));
        bytes32 committed = bytes32(Bytes.slice(reportData, 20, 52));
        bytes32 given = keccak256(registrationData);
        if (committed != given) revert RegistrationDataMismatch(committed, given);
        if (builders[teeAddress].status == Status.BANNED) revert Banned(teeAddress);
        if (permissionMode == PermissionMode.PERMISSIONED && !allowed[teeAddress]) revert NotAllowed(teeAddress);
        // registering again (a new quote) never lifts a suspension: only governance reinstates
        Status status = builders[teeAddress].status == Status.SUSPENDED ? Status.SUSPENDED : Status.ACTIVE;
        builders[teeAddress] = Builder(status, workloadId, given, uint64(block.number));
        emit BuilderRegistered(teeAddress, workloadId, keccak256(quote), registrationData);
    }

    // ---- views ----

    /// @notice Whether `builder` may win auctions now: registered, active, its workload still approved, and
    /// (while permissioned) allowed.
    function isAdmitted(address builder) public view returns (bool) {
        Builder storage b = builders[builder];
        return b.status == Status.ACTIVE && workloads[b.workloadId].approved
            && (permissionMode == PermissionMode.PERMISSIONLESS || allowed[builder]);
    }

    /// @notice Whether `builder` ever registered: what settlement needs to charge it, even once suspended.
    function isRegistered(address builder) external view returns (bool) {
        return builders[builder].status != Status.NONE;
    }

    function workload(bytes32 workloadId) external view returns (Workload memory) {
        return workloads[workloadId];
    }

    function policyCount() external view returns (uint256) {
        return policies.length;
    }

    /// @notice The earliest auctioned-chain block a rule change scheduled now may govern: the highest proven
    /// block plus the policy delay (policies here, block-hash sources in AuctionSettlement).
    function earliestActivation() public view returns (uint256) {
        return uint256(highestProvenBlock) + policyDelay;
    }

    /// @notice Policy version `index` (0-based, in activation order), for mirrors.
    function policyVersion(uint256 index) external view returns (PolicyVersion memory) {
        return policies[index];
    }

    /// @notice The policy governing `blockNumber`: the last version activated at or before it.
    function policyAt(uint64 blockNumber) external view returns (Policy memory) {
        for (uint256 i = policies.length; i > 0; i--) {
            if (policies[i - 1].activationBlock <= blockNumber) {
                return policies[i - 1].policy;
            }
        }
        revert NoPolicyAt(blockNumber);
    }

    function _setPolicyDelay(uint64 blocks) private {
        if (blocks < MIN_POLICY_DELAY || blocks > MAX_POLICY_DELAY) {
            revert PolicyDelayOutOfRange(blocks, MIN_POLICY_DELAY, MAX_POLICY_DELAY);
        }
        policyDelay = blocks;
        emit PolicyDelaySet(blocks);
    }

    function _setStatus(address builder, Status status) private {
        if (builders[builder].status == Status.NONE) revert NoSuchBuilder(builder);
        builders[builder].status = status;
        emit BuilderStatusChanged(builder, status);
    }
}
