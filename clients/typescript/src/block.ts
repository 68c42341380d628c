// An OP Stack block's hash from its execution payload, as a builder computes it before bidding: the header RLP
// (Isthmus: the payload's withdrawalsRoot and requestsHash = sha256("")) hashed with keccak256, the transactions
// root an ordered Merkle-Patricia trie of the raw transactions keyed by RLP(index).
import { encodeRlp, keccak256, sha256, toBeArray } from "ethers";
import { concat, fromHex, type Hex } from "./hex.js";

const EMPTY_OMMERS = "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347";
const EMPTY_REQUESTS = sha256(new Uint8Array());

/** The execution payload's fields as the Engine API writes them (hex strings). */
export interface ExecutionPayload {
  parentHash: Hex;
  feeRecipient: Hex;
  stateRoot: Hex;
  receiptsRoot: Hex;
  logsBloom: Hex;
  prevRandao: Hex;
  blockNumber: Hex;
  gasLimit: Hex;
  gasUsed: Hex;
  timestamp: Hex;
  extraData: Hex;
  baseFeePerGas: Hex;
  blockHash: Hex;
  transactions: Hex[];
  withdrawals: unknown[];
  blobGasUsed: Hex;
  excessBlobGas: Hex;
  withdrawalsRoot?: Hex;
}

/** The block hash of an OP payload (Ecotone and later: blob gas fields and parentBeaconBlockRoot present). */
export function opBlockHash(payload: ExecutionPayload, parentBeaconBlockRoot: Hex): Hex {
  const isthmus = payload.withdrawalsRoot !== undefined && payload.withdrawalsRoot !== null;
  const fields: (string | Uint8Array)[] = [
    payload.parentHash,
    EMPTY_OMMERS,
    payload.feeRecipient,
    payload.stateRoot,
    transactionsRoot(payload.transactions.map((t) => fromHex(t))),
    payload.receiptsRoot,
    payload.logsBloom,
    number("0x0"),
    number(payload.blockNumber),
    number(payload.gasLimit),
    number(payload.gasUsed),
    number(payload.timestamp),
    payload.extraData,
    payload.prevRandao,
    "0x0000000000000000",
    number(payload.baseFeePerGas),
    isthmus ? (payload.withdrawalsRoot as Hex) : EMPTY_TRIE,
    number(payload.blobGasUsed),
    number(payload.excessBlobGas),
    parentBeaconBlockRoot,
  ];
  if (isthmus) {
    fields.push(EMPTY_REQUESTS);
  }
  return keccak256(encodeRlp(fields)) as Hex;
}

function number(quantity: string): Uint8Array {
  return toBeArray(BigInt(quantity));
}

export const EMPTY_TRIE = keccak256(encodeRlp("0x")) as Hex;

/** The root of the ordered trie of {@code values} (transactions, receipts): key i is RLP(i). */
export function transactionsRoot(values: Uint8Array[]): Hex {
  if (values.length === 0) {
    return EMPTY_TRIE;
  }
  const entries = values.map((value, i) => ({ key: nibbles(fromHex(encodeRlp(toBeArray(i)))), value }));
  return keccak256(encodeNode(entries, 0)) as Hex;
}

type Entry = { key: number[]; value: Uint8Array };

/** The RLP of the node holding {@code entries}, all sharing their first {@code depth} nibbles. */
function encodeNode(entries: Entry[], depth: number): Uint8Array {
  if (entries.length === 1) {
    const [only] = entries;
    return rlpList([rlpBytes(hexPrefix(only.key.slice(depth), true)), rlpBytes(only.value)]);
  }
  const shared = commonPrefix(entries, depth);
  if (shared > 0) {
    const child = encodeNode(entries, depth + shared);
    return rlpList([rlpBytes(hexPrefix(entries[0].key.slice(depth, depth + shared), false)), reference(child)]);
  }
  const branch: Uint8Array[] = [];
  for (let nibble = 0; nibble < 16; nibble++) {
    const below = entries.filter((e) => e.key.length > depth && e.key[depth] === nibble);
    branch.push(below.length === 0 ? rlpBytes(new Uint8Array()) : reference(encodeNode(below, depth + 1)));
  }
  const here = entries.find((e) => e.key.length === depth);
  branch.push(rlpBytes(here ? here.value : new Uint8Array()));
  return rlpList(branch);
}

/** A child as its parent holds it: its RLP itself when under 32 bytes, else the RLP of its hash. */
function reference(node: Uint8Array): Uint8Array {
  return node.length < 32 ? node : rlpBytes(fromHex(keccak256(node)));
}

function rlpBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 1 && bytes[0] < 0x80) {
    return bytes;
  }
  return concat(rlpLength(bytes.length, 0x80), bytes);
}

function rlpList(encodedItems: Uint8Array[]): Uint8Array {
  const payload = concat(...encodedItems);
  return concat(rlpLength(payload.length, 0xc0), payload);
}

function rlpLength(length: number, offset: number): Uint8Array {
  if (length < 56) {
    return Uint8Array.of(offset + length);
  }
  const bytes = toBeArray(length);
  return concat(Uint8Array.of(offset + 55 + bytes.length), bytes);
}

function commonPrefix(entries: Entry[], depth: number): number {
  let length = 0;
  for (;;) {
    const at = depth + length;
    const first = entries[0].key[at];
    if (first === undefined || entries.some((e) => e.key.length <= at || e.key[at] !== first)) {
      return length;
    }
    length++;
  }
}

function nibbles(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (const b of bytes) {
    out.push(b >> 4, b & 0x0f);
  }
  return out;
}

/** Hex-prefix encoding of a path (Yellow Paper, appendix C): the flag nibble says leaf or extension, odd or even. */
function hexPrefix(path: number[], leaf: boolean): Uint8Array {
  const odd = path.length % 2 === 1;
  const flag = (leaf ? 2 : 0) + (odd ? 1 : 0);
  const all = odd ? [flag, ...path] : [flag, 0, ...path];
  const out = new Uint8Array(all.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = (all[2 * i] << 4) | all[2 * i + 1];
  }
  return out;
}
