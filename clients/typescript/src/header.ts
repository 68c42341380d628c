// Header v2 (docs/builder-api.md): 110 bytes in clear before the ciphertext, the HPKE associated data.
import { concat, fromHex, toHex, type Hex } from "./hex.js";

export const HEADER_VERSION = 2;
export const HEADER_BYTES = 110;
/** The round is named by its payload id (0x02, an ex-ante slot, is reserved). */
export const ROUND_BY_PAYLOAD_ID = 1;

export interface HeaderFields {
  keyId: number;
  payloadId: Hex;
  blockNumber: bigint;
  parentHash: Hex;
  builder: Hex;
  ciphertextLength: number;
  encapsulatedKey: Uint8Array;
}

export function encodeHeader(h: HeaderFields): Uint8Array {
  const fixed = new Uint8Array(6);
  const view = new DataView(fixed.buffer);
  view.setUint8(0, HEADER_VERSION);
  view.setUint32(1, h.keyId);
  view.setUint8(5, ROUND_BY_PAYLOAD_ID);
  const number = new Uint8Array(8);
  new DataView(number.buffer).setBigUint64(0, h.blockNumber);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, h.ciphertextLength);
  const header = concat(
    fixed,
    exactly(fromHex(h.payloadId), 8, "payloadId"),
    number,
    exactly(fromHex(h.parentHash), 32, "parentHash"),
    exactly(fromHex(h.builder), 20, "builder"),
    length,
    exactly(h.encapsulatedKey, 32, "encapsulated key"),
  );
  return header;
}

export function headerHex(h: HeaderFields): Hex {
  return toHex(encodeHeader(h));
}

function exactly(bytes: Uint8Array, length: number, name: string): Uint8Array {
  if (bytes.length !== length) {
    throw new Error(`${name} must be ${length} bytes, got ${bytes.length}`);
  }
  return bytes;
}
