// A simple OP block for a build job, as a builder would assemble it before execution: the attributes' forced
// transactions first, then its own signed EIP-1559 transactions, the header fields the round asks for, and the
// block hash computed here. State and receipts roots are placeholders: nothing here executes the block.
import { Wallet, keccak256, toBeHex, zeroPadValue } from "ethers";
import { opBlockHash, type ExecutionPayload } from "./block.js";
import type { BuildJob } from "./client.js";
import { quantity, type Hex } from "./hex.js";

export interface BlockPlan {
  /** The base fee the chain's EIP-1559 rule gives this block from its parent. */
  baseFee: bigint;
  gasUsed: bigint;
  userTransactions: number;
  value: bigint;
}

export interface BuiltBlock {
  blockHash: Hex;
  envelope: Record<string, unknown>;
}

export async function buildBlock(job: BuildJob, plan: BlockPlan, sender: Wallet, nonce: number): Promise<BuiltBlock> {
  const a = job.attributes;
  const own: Hex[] = [];
  for (let i = 0; i < plan.userTransactions; i++) {
    own.push(
      (await sender.signTransaction({
        type: 2,
        chainId: 1301,
        nonce: nonce + i,
        to: sender.address,
        value: 1n,
        gasLimit: 21_000n,
        maxFeePerGas: 2_000_000_000n,
        maxPriorityFeePerGas: 1_000_000n,
      })) as Hex,
    );
  }
  const seed = keccak256(job.payloadId + job.parentHash.slice(2));
  const payload: ExecutionPayload = {
    parentHash: job.parentHash,
    feeRecipient: a.suggestedFeeRecipient,
    stateRoot: keccak256(seed + "01") as Hex,
    receiptsRoot: keccak256(seed + "02") as Hex,
    logsBloom: ("0x" + "00".repeat(256)) as Hex,
    prevRandao: a.prevRandao,
    blockNumber: job.blockNumber,
    gasLimit: a.gasLimit,
    gasUsed: quantity(plan.gasUsed),
    timestamp: a.timestamp,
    extraData: extraData(a.eip1559Params, a.minBaseFee),
    baseFeePerGas: quantity(plan.baseFee),
    blockHash: ("0x" + "00".repeat(32)) as Hex,
    transactions: [...a.transactions, ...own],
    withdrawals: [],
    blobGasUsed: "0x0",
    excessBlobGas: "0x0",
    withdrawalsRoot: keccak256(seed + "03") as Hex,
  };
  payload.blockHash = opBlockHash(payload, a.parentBeaconBlockRoot);
  return {
    blockHash: payload.blockHash,
    envelope: {
      executionPayload: payload,
      blockValue: quantity(plan.value),
      blobsBundle: { commitments: [], proofs: [], blobs: [] },
      shouldOverrideBuilder: false,
      parentBeaconBlockRoot: a.parentBeaconBlockRoot,
      executionRequests: [],
    },
  };
}

/** What op-reth writes into extraData: Holocene version 0 and the EIP-1559 parameters; Jovian version 1 and the minimum base fee. */
export function extraData(eip1559Params: Hex | undefined, minBaseFee: number | undefined): Hex {
  if (!eip1559Params) {
    return "0x";
  }
  if (minBaseFee === undefined) {
    return ("0x00" + eip1559Params.slice(2)) as Hex;
  }
  return ("0x01" + eip1559Params.slice(2) + zeroPadValue(toBeHex(minBaseFee), 8).slice(2)) as Hex;
}
