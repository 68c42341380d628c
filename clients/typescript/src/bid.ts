// A bid as Gavel takes it: the signed Bid and the full payload as the sealed plaintext, the header signed, the body
// written header first (docs/builder-api.md: header and headerSignature within the body's first 512 bytes).
import type { SigningKey } from "ethers";
import { bidDigest, headerDigest, sign, type BidFields, type GavelDomain } from "./eip712.js";
import { quantity, toHex, type Hex } from "./hex.js";
import { seal } from "./seal.js";

export interface AuctionKey {
  keyId: number;
  publicKey: Uint8Array;
}

/** What a build job names the round by, and the block it asks for. */
export interface RoundRef {
  payloadId: Hex;
  blockNumber: bigint;
  parentHash: Hex;
}

export interface SealedBidBody {
  /** The JSON body of POST /v1/bids, header and headerSignature first. */
  json: string;
  /** The bid's id: its EIP-712 digest, which the 202 answers with. */
  bidId: Hex;
}

export async function sealBid(
  domain: GavelDomain,
  auctionKey: AuctionKey,
  key: SigningKey,
  round: RoundRef,
  bid: Omit<BidFields, "blockNumber" | "parentHash" | "builder">,
  envelope: unknown,
  builder: Hex,
): Promise<SealedBidBody> {
  const fields: BidFields = { ...bid, blockNumber: round.blockNumber, parentHash: round.parentHash, builder };
  const digest = bidDigest(domain, fields);
  const signed = {
    blockNumber: quantity(fields.blockNumber),
    parentHash: fields.parentHash,
    blockHash: fields.blockHash,
    value: quantity(fields.value),
    builder: fields.builder,
    signature: sign(key, digest),
  };
  const plaintext = new TextEncoder().encode(JSON.stringify({ bid: signed, envelope }));
  const sealed = await seal(
    auctionKey.publicKey,
    { keyId: auctionKey.keyId, payloadId: round.payloadId, blockNumber: round.blockNumber, parentHash: round.parentHash, builder },
    plaintext,
  );
  return { json: bodyJson(domain, key, sealed.header, sealed.ciphertext), bidId: digest };
}

export function bodyJson(domain: GavelDomain, key: SigningKey, header: Uint8Array, ciphertext: Uint8Array): string {
  const headerSignature = sign(key, headerDigest(domain, header));
  return `{"header":"${toHex(header)}","headerSignature":"${headerSignature}","ciphertext":"${toHex(ciphertext)}"}`;
}
