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
/// runner-up's own signed bid for second price) and charges each block once. No item can stop a batch: a
/// replayed, unprovable or malformed item, or one whose hub or block-hash source call fails, is skipped with
/// a `SettlementSkipped` reason, and a shortfall becomes debt that saturates at MAX_DEBT.
/// @dev Two clocks, each stated where it is used: withdrawals count *this* chain's blocks (block.number),
/// since a builder withdraws here; the block-hash source, like BuilderHub's policies, is versioned by
/// *auctioned-chain* block number and a change activates at least the hub's policy delay past the highest
/// auctioned block proven so far, so no rule of an already auctioned block can change.
contract AuctionSettlement is EIP712, Ownable2Step, ReentrancyGuard {
    uint8 private constant SECOND_PRICE = 1;
    uint8 private constant EX_ANTE = 2;
    bytes32 public constant BID_TYPEHASH =
        keccak256("Bid(uint64 blockNumber,bytes32 parentHash,bytes32 blockHash,uint256 value,address builder)");
    bytes32 public constant SLOT_BID_TYPEHASH =
        keccak256("SlotBid(uint64 blockNumber,bytes32 parentHash,uint256 value,address builder)");
    bytes32 public constant FLASHBLOCK_TYPEHASH =
        keccak256("Flashblock(uint64 blockNumber,bytes8 payloadId,uint64 index,bytes32 blockHash,bytes flashblock)");
    /// @notice Floor of `withdrawalDelay`, in this chain's blocks: one more than blockhash's 256-block reach,
    /// the shortest settlement window of any block-hash source, so a request never matures before every win
    /// that preceded it could have been settled. Deployment checks the delay against the real window.
    uint64 public constant MIN_WITHDRAWAL_DELAY = 257;
    /// @notice Floor of `withdrawalWindow`, in this chain's blocks: time to get a withdraw() included.
    uint64 public constant MIN_WITHDRAWAL_WINDOW = 64;
    /// @notice Ceiling of both withdrawal settings, so that block arithmetic stays far from overflow.
    uint64 public constant MAX_WITHDRAWAL_SETTING = type(uint32).max;
    /// @notice The most a builder can owe; a shortfall beyond it is not recorded (it is more ether than exists).
    uint256 public constant MAX_DEBT = type(uint256).max;

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

    /// @notice An ex-ante slot bid: the right to build block `blockNumber` on `parentHash`, for `value`.
    struct SlotBid {
        uint64 blockNumber;
        bytes32 parentHash;
        uint256 value;
        address builder;
    }

    /// @notice A flashblock as its builder signed it; `contentHash` is keccak256 of the JSON text relayed.
    struct SignedFlashblock {
        uint64 blockNumber;
        bytes8 payloadId;
        uint64 index;
        bytes32 blockHash;
        bytes32 contentHash;
        bytes signature;
    }

    /// @notice One won slot: the winner's slot bid, and its last relayed flashblock, which fixes the block hash.
    struct SlotItem {
        SlotBid bid;
        bytes bidSignature;
        SignedFlashblock last;
        bytes blockHashProof;
    }

    /// @dev Append only: Gavel's settler reads these by position.
    enum SkipReason {
        ALREADY_SETTLED,
        BAD_SIGNATURE,
        NOT_REGISTERED,
        NOT_CANONICAL,
        NO_POLICY,
        FORGED_RUNNER_UP,
        HUB_CALL_FAILED,
        SOURCE_CALL_FAILED,
        WRONG_FORMAT
    }

    /// @notice A withdrawal request: payable from `availableAt` until just before `expiresAt` (this chain's blocks).
    struct Withdrawal {
        uint256 amount;
        uint64 availableAt;
        uint64 expiresAt;
    }

    /// @notice The block-hash source that proves auctioned-chain blocks from `activationBlock` on.
    struct SourceVersion {
        uint64 activationBlock;
        IBlockHashSource source;
    }

    BuilderHub public immutable hub;
    /// @notice Blocks of this chain between a withdrawal request and the first block it can be paid in.
    uint64 public withdrawalDelay;
    /// @notice Blocks of this chain a matured request stays payable; after that it expires.
    uint64 public withdrawalWindow;
    SourceVersion[] private sources;
    mapping(address builder => uint256) public balanceOf;
    mapping(address builder => Withdrawal) public pendingWithdrawal;
    /// @notice What a builder owes in all: the sum of `debtTo` over its creditors.
    mapping(address builder => uint256) public debtOf;
    /// @notice What a builder owes one beneficiary: the shortfalls of blocks that policy paid to it.
    mapping(address builder => mapping(address creditor => uint256)) public debtTo;
    mapping(address builder => address[]) private creditors;
    mapping(address beneficiary => uint256) public proceedsOf;
    /// @dev One bit per block, 256 blocks a word: auctioned blocks are consecutive, so most settlements
    /// update a word already written instead of paying for a fresh storage slot.
    mapping(uint256 word => uint256) private settledBits;
    /// @notice Whether `builder` was charged the equivocation penalty for block `blockNumber` (once a block).
    mapping(address builder => mapping(uint64 blockNumber => bool)) public penalized;

    event Deposited(address indexed builder, uint256 amount, uint256 balance);
    event DebtRepaid(address indexed builder, address indexed creditor, uint256 amount, uint256 debt);
    event WithdrawalRequested(address indexed builder, uint256 amount, uint64 availableAt, uint64 expiresAt);
    event Withdrawn(address indexed builder, uint256 amount);
    event WithdrawalDelaySet(uint64 blocks);
    event WithdrawalWindowSet(uint64 blocks);
    event BlockHashSourceScheduled(address indexed source, uint64 activationBlock);
    event AuctionSettled(
        uint64 indexed blockNumber, address indexed builder, uint256 price, bytes32 blockHash, uint256 charged
    );
    event SettlementSkipped(uint64 indexed blockNumber, SkipReason reason);
    event DebtRecorded(address indexed builder, address indexed creditor, uint256 shortfall, uint256 debt);
    event SuspensionFailed(address indexed builder);
    event ProceedsWithdrawn(address indexed beneficiary, uint256 amount);
    event SlotSettled(
        uint64 indexed blockNumber, address indexed builder, uint256 price, bytes32 blockHash, uint256 charged
    );
    event EquivocationPenalized(
        uint64 indexed blockNumber,
        address indexed builder,
        bytes8 payloadId,
        uint64 index,
        uint256 penalty,
        uint256 charged
    );

    error ZeroAmount();
    error InsufficientBalance(uint256 requested, uint256 available);
    error NoWithdrawalRequested();
    error WithdrawalNotYetAvailable(uint64 availableAt);
    error WithdrawalExpired(uint64 expiredAt);
    error OutstandingDebt(uint256 debt);
    error TransferFailed();
    error NotAuctioneer(address caller);
    error NoProceeds();
    error SettingOutOfRange(uint64 blocks, uint64 min, uint64 max);
    error NotAContract(address source);
    error ActivationTooEarly(uint64 activationBlock, uint256 earliest);
    error ActivationNotAfterPrevious(uint64 activationBlock, uint64 previous);
    error NotProven(uint64 blockNumber);
    error NotAnEquivocation();
    error NotRegistered(address builder);
    error NotAnExAnteBlock(uint64 blockNumber);
    error AlreadyPenalized(address builder, uint64 blockNumber);

    constructor(
        address initialOwner,
        uint64 withdrawalDelayBlocks,
        uint64 withdrawalWindowBlocks,
        BuilderHub builderHub,
        IBlockHashSource source
    ) EIP712("Gavel", "1") Ownable(initialOwner) {
        hub = builderHub;
        _setWithdrawalDelay(withdrawalDelayBlocks);
        _setWithdrawalWindow(withdrawalWindowBlocks);
        _addSource(source, 0);
    }

    modifier onlyAuctioneer() {
        if (msg.sender != hub.auctioneer()) revert NotAuctioneer(msg.sender);
        _;
    }

    // ---- governance ----

    /// @notice Sets the delay of withdrawal requests made from now on (this chain's blocks), at least
    /// MIN_WITHDRAWAL_DELAY: governed so it can follow a block-hash source with a longer settlement window.
    function setWithdrawalDelay(uint64 blocks) external onlyOwner {
        _setWithdrawalDelay(blocks);
    }

    /// @notice Sets how long requests made from now on stay payable once matured (this chain's blocks).
    function setWithdrawalWindow(uint64 blocks) external onlyOwner {
        _setWithdrawalWindow(blocks);
    }

    /// @notice Schedules `source` to prove auctioned-chain blocks from `activationBlock` on, no earlier than
    /// the hub's `earliestActivation()`: blocks before it keep the source they were auctioned under.
    function scheduleBlockHashSource(IBlockHashSource source, uint64 activationBlock) external onlyOwner {
        uint256 earliest = hub.earliestActivation();
        if (activationBlock < earliest) revert ActivationTooEarly(activationBlock, earliest);
        uint64 previous = sources[sources.length - 1].activationBlock;
        if (activationBlock <= previous) revert ActivationNotAfterPrevious(activationBlock, previous);
        _addSource(source, activationBlock);
    }

    // ---- escrow ----

    /// @notice Adds to the caller's escrow; any debt is repaid first, to the beneficiaries it is owed.
    function deposit() external payable {
        if (msg.value == 0) revert ZeroAmount();
        uint256 rest = debtOf[msg.sender] == 0 ? msg.value : _repay(msg.sender, msg.value);
        uint256 balance = balanceOf[msg.sender] + rest;
        balanceOf[msg.sender] = balance;
        emit Deposited(msg.sender, msg.value, balance);
    }

    /// @notice Asks to withdraw `amount`: payable from `withdrawalDelay` blocks on, for `withdrawalWindow`
    /// blocks. The funds stay in escrow, and chargeable, until paid. A new request replaces the previous one.
    function requestWithdrawal(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        uint256 balance = balanceOf[msg.sender];
        if (amount > balance) revert InsufficientBalance(amount, balance);
        uint64 availableAt = uint64(block.number) + withdrawalDelay;
        uint64 expiresAt = availableAt + withdrawalWindow;
        pendingWithdrawal[msg.sender] = Withdrawal(amount, availableAt, expiresAt);
        emit WithdrawalRequested(msg.sender, amount, availableAt, expiresAt);
    }

    /// @notice Pays a matured, unexpired request: at most what is still in escrow, and nothing while in debt.
    function withdraw() external nonReentrant {
        Withdrawal memory pending = pendingWithdrawal[msg.sender];
        if (pending.amount == 0) revert NoWithdrawalRequested();
        if (block.number < pending.availableAt) revert WithdrawalNotYetAvailable(pending.availableAt);
        if (block.number >= pending.expiresAt) revert WithdrawalExpired(pending.expiresAt);
        uint256 debt = debtOf[msg.sender];
        if (debt > 0) revert OutstandingDebt(debt);
        uint256 balance = balanceOf[msg.sender];
        uint256 amount = pending.amount < balance ? pending.amount : balance;
        delete pendingWithdrawal[msg.sender];
        balanceOf[msg.sender] = balance - amount;
        emit Withdrawn(msg.sender, amount);
        (bool sent,) = msg.sender.call{value: amount}("");
        if (!sent) revert TransferFailed();
    }

    function withdrawProceeds() external nonReentrant {
        uint256 amount = proceedsOf[msg.sender];
        if (amount == 0) revert NoProceeds();
        proceedsOf[msg.sender] = 0;
        emit ProceedsWithdrawn(msg.sender, amount);
        (bool sent,) = msg.sender.call{value: amount}("");
        if (!sent) revert TransferFailed();
    }

    // ---- settlement ----

    /// @notice Settles won blocks; only the hub's auctioneer may call it. Items that do not prove out are
    /// skipped with a reason; no item reverts the batch. Raises the hub's highest proven block.
    function settle(Item[] calldata items) external nonReentrant onlyAuctioneer {
        uint64 highest;
        for (uint256 i = 0; i < items.length; i++) {
            uint64 proven = _settle(items[i]);
            if (proven > highest) highest = proven;
        }
        _raiseProvenBlock(highest);
    }

    /// @notice Settles won slots of ex-ante blocks; only the hub's auctioneer may call it. A slot is charged its
    /// slot bid once the block its winner's last relayed flashblock names is canonical; it shares the once-a-block
    /// record with `settle`, so a block is charged once whichever way. No item reverts the batch.
    function settleSlots(SlotItem[] calldata items) external nonReentrant onlyAuctioneer {
        uint64 highest;
        for (uint256 i = 0; i < items.length; i++) {
            uint64 proven = _settleSlot(items[i]);
            if (proven > highest) highest = proven;
        }
        _raiseProvenBlock(highest);
    }

    /// @notice Charges a registered builder the penalty of an ex-ante block's policy (its minBuilderBalance) for
    /// signing two different flashblocks for one index of that block: the pair is the proof, so anyone may
    /// report it. Charged once per builder and block; a shortfall becomes debt and suspends, as in settlement.
    function reportEquivocation(SignedFlashblock calldata first, SignedFlashblock calldata second)
        external
        nonReentrant
    {
        if (
            first.blockNumber != second.blockNumber || first.payloadId != second.payloadId
                || first.index != second.index || first.contentHash == second.contentHash
        ) {
            revert NotAnEquivocation();
        }
        address builder = _flashblockSigner(first);
        if (builder == address(0) || builder != _flashblockSigner(second)) revert NotAnEquivocation();
        if (!hub.isRegistered(builder)) revert NotRegistered(builder);
        uint64 number = first.blockNumber;
        if (penalized[builder][number]) revert AlreadyPenalized(builder, number);
        BuilderHub.Policy memory policy = hub.policyAt(number);
        if (policy.format != EX_ANTE) revert NotAnExAnteBlock(number);
        penalized[builder][number] = true;
        uint256 charged = _charge(builder, policy.minBuilderBalance, policy.beneficiary);
        emit EquivocationPenalized(number, builder, first.payloadId, first.index, policy.minBuilderBalance, charged);
    }

    /// @notice Proves auctioned-chain block `blockNumber` canonical and raises the hub's highest proven block.
    /// Anyone may call it, so the floor under policy activation keeps up with the chain even while no batch lands.
    function proveBlock(uint64 blockNumber, bytes calldata proof) external {
        (bool answered, bytes32 hash) = _canonicalHash(blockHashSourceAt(blockNumber), blockNumber, proof);
        if (!answered || hash == bytes32(0)) revert NotProven(blockNumber);
        hub.recordProvenBlock(blockNumber);
    }

    // ---- views ----

    /// @notice Whether block `blockNumber` has been charged.
    function settled(uint64 blockNumber) public view returns (bool) {
        return settledBits[blockNumber >> 8] & (1 << (blockNumber & 0xff)) != 0;
    }

    /// @notice The amount of `builder`'s withdrawal request while it can still be paid (zero once expired).
    function requestedOf(address builder) public view returns (uint256) {
        Withdrawal storage pending = pendingWithdrawal[builder];
        return block.number < pending.expiresAt ? pending.amount : 0;
    }

    /// @notice What of `builder`'s escrow may back new bids: its balance less its live withdrawal request.
    function availableOf(address builder) external view returns (uint256) {
        uint256 balance = balanceOf[builder];
        uint256 requested = requestedOf(builder);
        return requested < balance ? balance - requested : 0;
    }

    /// @notice The beneficiaries `builder` owes, in the order deposits repay them (last first).
    function creditorsOf(address builder) external view returns (address[] memory) {
        return creditors[builder];
    }

    /// @notice The block-hash source proving auctioned-chain block `blockNumber`.
    function blockHashSourceAt(uint64 blockNumber) public view returns (IBlockHashSource) {
        for (uint256 i = sources.length; i > 1; i--) {
            if (sources[i - 1].activationBlock <= blockNumber) {
                return sources[i - 1].source;
            }
        }
        return sources[0].source;
    }

    /// @notice The newest block-hash source: the one proving blocks from its activation on.
    function blockHashSource() external view returns (IBlockHashSource) {
        return sources[sources.length - 1].source;
    }

    function blockHashSourceCount() external view returns (uint256) {
        return sources.length;
    }

    /// @notice Source version `index` (0-based, in activation order; version 0 activates at block 0), for mirrors.
    function blockHashSourceVersion(uint256 index) external view returns (SourceVersion memory) {
        return sources[index];
    }

    /// @notice The EIP-712 digest a builder signs for `bid`: the same bytes Gavel's Java signer produces.
    function bidDigest(Bid calldata bid) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(abi.encode(BID_TYPEHASH, bid.blockNumber, bid.parentHash, bid.blockHash, bid.value, bid.builder))
        );
    }

    /// @notice The EIP-712 digest a builder signs for an ex-ante slot bid.
    function slotBidDigest(SlotBid calldata bid) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(abi.encode(SLOT_BID_TYPEHASH, bid.blockNumber, bid.parentHash, bid.value, bid.builder))
        );
    }

    /// @notice The EIP-712 digest a winner signs for a flashblock: Gavel's Java FlashblockSignatures, byte for byte.
    function flashblockDigest(SignedFlashblock calldata flashblock) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    FLASHBLOCK_TYPEHASH,
                    flashblock.blockNumber,
                    flashblock.payloadId,
                    flashblock.index,
                    flashblock.blockHash,
                    flashblock.contentHash
                )
            )
        );
    }

    /// @notice Who signed `bid`; reverts on malformed or malleable (high-s) signatures, as OpenZeppelin's ECDSA does.
    function recoverBidder(Bid calldata bid, bytes calldata signature) external view returns (address) {
        return ECDSA.recover(bidDigest(bid), signature);
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ---- internals ----

    /// @dev Raises the hub's highest proven block to `highest` (0: nothing proven); fails only when the hub no
    /// longer names this contract, and the batch stands regardless.
    function _raiseProvenBlock(uint64 highest) private {
        if (highest > 0) {
            try hub.recordProvenBlock(highest) {} catch {}
        }
    }

    /// @dev Settles one item or skips it; returns the block number once it is proven canonical, else 0.
    function _settle(Item calldata item) private returns (uint64 proven) {
        Bid calldata bid = item.winner;
        uint64 number = bid.blockNumber;
        if (settled(number)) return _skip(number, SkipReason.ALREADY_SETTLED);
        address signer = _signer(bid, item.winnerSignature);
        if (signer == address(0) || signer != bid.builder) return _skip(number, SkipReason.BAD_SIGNATURE);
        bool chargeable;
        BuilderHub.Policy memory policy;
        (chargeable, proven, policy) = _chargeableWin(number, bid.builder, bid.blockHash, item.blockHashProof, false);
        if (!chargeable) return proven;
        (bool priced, SkipReason refused, uint256 price) = _price(item, policy);
        if (!priced) {
            _skip(number, refused);
            return proven;
        }
        settledBits[number >> 8] |= 1 << (number & 0xff);
        uint256 charged = _charge(bid.builder, price, policy.beneficiary);
        emit AuctionSettled(number, bid.builder, price, bid.blockHash, charged);
    }

    /// @dev Settles one slot or skips it, as `_settle` does a won block; the price is the slot bid (first price).
    function _settleSlot(SlotItem calldata item) private returns (uint64 proven) {
        SlotBid calldata bid = item.bid;
        SignedFlashblock calldata last = item.last;
        uint64 number = bid.blockNumber;
        if (settled(number)) return _skip(number, SkipReason.ALREADY_SETTLED);
        (address signer, ECDSA.RecoverError error,) = ECDSA.tryRecover(slotBidDigest(bid), item.bidSignature);
        if (
            error != ECDSA.RecoverError.NoError || signer != bid.builder || last.blockNumber != number
                || _flashblockSigner(last) != bid.builder
        ) {
            return _skip(number, SkipReason.BAD_SIGNATURE);
        }
        bool chargeable;
        BuilderHub.Policy memory policy;
        (chargeable, proven, policy) = _chargeableWin(number, bid.builder, last.blockHash, item.blockHashProof, true);
        if (!chargeable) return proven;
        settledBits[number >> 8] |= 1 << (number & 0xff);
        uint256 charged = _charge(bid.builder, bid.value, policy.beneficiary);
        emit SlotSettled(number, bid.builder, bid.value, last.blockHash, charged);
    }

    /// @dev What a won block and a won slot must both show once their signatures hold: `builder` registered,
    /// `blockHash` block `number`'s canonical hash, and a policy there of the kind being charged (ex ante or ex
    /// post). Otherwise skipped with the reason; `proven` is `number` once the block is known to exist, whoever
    /// built it.
    function _chargeableWin(uint64 number, address builder, bytes32 blockHash, bytes calldata proof, bool exAnte)
        private
        returns (bool chargeable, uint64 proven, BuilderHub.Policy memory policy)
    {
        (bool answered, bool registered) = _isRegistered(builder);
        if (!answered) return (false, _skip(number, SkipReason.HUB_CALL_FAILED), policy);
        if (!registered) return (false, _skip(number, SkipReason.NOT_REGISTERED), policy);
        bytes32 canonical;
        (answered, canonical) = _canonicalHash(blockHashSourceAt(number), number, proof);
        if (!answered) return (false, _skip(number, SkipReason.SOURCE_CALL_FAILED), policy);
        if (canonical == bytes32(0)) return (false, _skip(number, SkipReason.NOT_CANONICAL), policy);
        proven = number;
        if (canonical != blockHash) {
            _skip(number, SkipReason.NOT_CANONICAL);
            return (false, proven, policy);
        }
        bool found;
        (found, policy) = _policyAt(number);
        if (!found) return (false, proven, policy);
        if ((policy.format == EX_ANTE) != exAnte) {
            _skip(number, SkipReason.WRONG_FORMAT); // each kind of block is charged by its own call only
            return (false, proven, policy);
        }
        return (true, proven, policy);
    }

    /// @dev The policy governing `number`, or `found = false` after a NO_POLICY skip.
    function _policyAt(uint64 number) private returns (bool found, BuilderHub.Policy memory policy) {
        try hub.policyAt(number) returns (BuilderHub.Policy memory version) {
            return (true, version);
        } catch {
            _skip(number, SkipReason.NO_POLICY);
            return (false, policy);
        }
    }

    /// @dev First price: the winning bid. Second price: the runner-up's bid (a different registered builder,
    /// same block and parent), never below the reserve nor above the winning bid. Unpriced, the skip reason.
    function _price(Item calldata item, BuilderHub.Policy memory policy)
        private
        view
        returns (bool priced, SkipReason refused, uint256 price)
    {
        Bid calldata bid = item.winner;
        if (policy.format != SECOND_PRICE) return (true, refused, bid.value);
        price = policy.reservePrice;
        if (item.runnerUpSignature.length > 0) {
            Bid calldata runnerUp = item.runnerUp;
            address signer = _signer(runnerUp, item.runnerUpSignature);
            if (
                signer == address(0) || signer != runnerUp.builder || runnerUp.builder == bid.builder
                    || runnerUp.blockNumber != bid.blockNumber || runnerUp.parentHash != bid.parentHash
                    || runnerUp.value > bid.value
            ) {
                return (false, SkipReason.FORGED_RUNNER_UP, 0);
            }
            (bool answered, bool registered) = _isRegistered(runnerUp.builder);
            if (!answered) return (false, SkipReason.HUB_CALL_FAILED, 0);
            if (!registered) return (false, SkipReason.FORGED_RUNNER_UP, 0);
            if (runnerUp.value > price) price = runnerUp.value;
        }
        if (price > bid.value) price = bid.value;
        return (true, refused, price);
    }

    /// @dev Charges what escrow holds, requested withdrawals included; a shortfall becomes debt owed to the
    /// beneficiary and suspends the builder in the hub (a failed suspension is an event, not a revert).
    function _charge(address builder, uint256 price, address beneficiary) private returns (uint256 charged) {
        uint256 balance = balanceOf[builder];
        charged = price < balance ? price : balance;
        balanceOf[builder] = balance - charged;
        proceedsOf[beneficiary] += charged;
        if (charged < price) {
            _recordDebt(builder, beneficiary, price - charged);
            try hub.suspend(builder) {}
            catch {
                emit SuspensionFailed(builder);
            }
        }
    }

    /// @dev Adds `shortfall` to what `builder` owes `creditor`, saturating the builder's total at MAX_DEBT.
    function _recordDebt(address builder, address creditor, uint256 shortfall) private {
        uint256 debt = debtOf[builder];
        uint256 added = shortfall < MAX_DEBT - debt ? shortfall : MAX_DEBT - debt;
        if (added > 0) {
            uint256 owed = debtTo[builder][creditor];
            if (owed == 0) creditors[builder].push(creditor);
            debtTo[builder][creditor] = owed + added;
            debt += added;
            debtOf[builder] = debt;
        }
        emit DebtRecorded(builder, creditor, shortfall, debt);
    }

    /// @dev Repays `builder`'s debt from `amount` into its creditors' proceeds, newest creditor first; returns the rest.
    function _repay(address builder, uint256 amount) private returns (uint256 rest) {
        address[] storage owedTo = creditors[builder];
        uint256 debt = debtOf[builder];
        rest = amount;
        while (rest > 0 && owedTo.length > 0) {
            address creditor = owedTo[owedTo.length - 1];
            uint256 owed = debtTo[builder][creditor];
            uint256 paid = rest < owed ? rest : owed;
            rest -= paid;
            debt -= paid;
            proceedsOf[creditor] += paid;
            if (paid == owed) {
                owedTo.pop();
                delete debtTo[builder][creditor];
            } else {
                debtTo[builder][creditor] = owed - paid;
            }
            emit DebtRepaid(builder, creditor, paid, debt);
        }
        debtOf[builder] = debt;
    }

    function _skip(uint64 blockNumber, SkipReason reason) private returns (uint64) {
        emit SettlementSkipped(blockNumber, reason);
        return 0;
    }

    /// @dev Whether the hub answered, and if so whether `builder` ever registered.
    function _isRegistered(address builder) private view returns (bool answered, bool registered) {
        try hub.isRegistered(builder) returns (bool found) {
            return (true, found);
        } catch {
            return (false, false);
        }
    }

    /// @dev Asks `source` for the canonical hash of `blockNumber` without trusting it to behave: a revert, a
    /// missing contract or a short answer is `answered = false`, never a revert of the batch.
    function _canonicalHash(IBlockHashSource source, uint64 blockNumber, bytes calldata proof)
        private
        view
        returns (bool answered, bytes32 hash)
    {
        bytes memory data = abi.encodeCall(IBlockHashSource.canonicalHash, (blockNumber, proof));
        assembly ("memory-safe") {
            answered := staticcall(gas(), source, add(data, 0x20), mload(data), 0x00, 0x20)
            answered := and(answered, gt(returndatasize(), 0x1f))
            hash := mload(0x00)
        }
    }

    /// @dev The bid's signer, or the zero address for a malformed or malleable signature (no revert mid-batch).
    function _signer(Bid calldata bid, bytes calldata signature) private view returns (address) {
        (address signer, ECDSA.RecoverError error,) = ECDSA.tryRecover(bidDigest(bid), signature);
        return error == ECDSA.RecoverError.NoError ? signer : address(0);
    }

    /// @dev The flashblock's signer, or the zero address for a malformed or malleable signature.
    function _flashblockSigner(SignedFlashblock calldata flashblock) private view returns (address) {
        (address signer, ECDSA.RecoverError error,) =
            ECDSA.tryRecover(flashblockDigest(flashblock), flashblock.signature);
        return error == ECDSA.RecoverError.NoError ? signer : address(0);
    }

    function _setWithdrawalDelay(uint64 blocks) private {
        if (blocks < MIN_WITHDRAWAL_DELAY || blocks > MAX_WITHDRAWAL_SETTING) {
            revert SettingOutOfRange(blocks, MIN_WITHDRAWAL_DELAY, MAX_WITHDRAWAL_SETTING);
        }
        withdrawalDelay = blocks;
        emit WithdrawalDelaySet(blocks);
    }

    function _setWithdrawalWindow(uint64 blocks) private {
        if (blocks < MIN_WITHDRAWAL_WINDOW || blocks > MAX_WITHDRAWAL_SETTING) {
            revert SettingOutOfRange(blocks, MIN_WITHDRAWAL_WINDOW, MAX_WITHDRAWAL_SETTING);
        }
        withdrawalWindow = blocks;
        emit WithdrawalWindowSet(blocks);
    }

    function _addSource(IBlockHashSource source, uint64 activationBlock) private {
        if (address(source).code.length == 0) revert NotAContract(address(source));
        sources.push(SourceVersion(activationBlock, source));
        emit BlockHashSourceScheduled(address(source), activationBlock);
    }
}
