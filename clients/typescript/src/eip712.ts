// The EIP-712 types of Gavel, in its domain {name "Gavel", version "1", chainId, verifyingContract}: a Bid (what
// settlement charges), a BidHeader (what authenticates a submission before any work), a BidsQuery (a builder
// asking about its own bids) and a ChannelLogin (a builder's answer to the builder channel's challenge). Each has its own type hash, so no signature passes for another's.
import { SigningKey, TypedDataEncoder, recoverAddress, type TypedDataDomain } from "ethers";
import type { Hex } from "./hex.js";

export interface GavelDomain {
  name: string;
  version: string;
  chainId: bigint | number;
  verifyingContract: Hex;
}

export function gavelDomain(chainId: bigint | number, verifyingContract: Hex): GavelDomain {
  return { name: "Gavel", version: "1", chainId, verifyingContract };
}

export const BID_TYPES = {
  Bid: [
    { name: "blockNumber", type: "uint64" },
    { name: "parentHash", type: "bytes32" },
    { name: "blockHash", type: "bytes32" },
    { name: "value", type: "uint256" },
    { name: "builder", type: "address" },
  ],
};
export const HEADER_TYPES = { BidHeader: [{ name: "header", type: "bytes" }] };
export const QUERY_TYPES = {
  BidsQuery: [
    { name: "builder", type: "address" },
    { name: "fromBlock", type: "uint64" },
    { name: "toBlock", type: "uint64" },
    { name: "expires", type: "uint64" },
  ],
};

export const CHANNEL_LOGIN_TYPES = {
  ChannelLogin: [
    { name: "nonce", type: "bytes32" },
    { name: "issuedAt", type: "uint64" },
    { name: "auctionKeyId", type: "uint32" },
    { name: "builder", type: "address" },
  ],
};

export interface BidFields {
  blockNumber: bigint;
  parentHash: Hex;
  blockHash: Hex;
  value: bigint;
  builder: Hex;
}

/** What /v1/builder sends first; the builder signs it with its own address as a ChannelLogin. */
export interface ChannelChallenge {
  nonce: Hex;
  issuedAt: bigint;
  auctionKeyId: number;
}

export interface BidsQuery {
  builder: Hex;
  fromBlock: bigint;
  toBlock: bigint;
  expires: bigint;
}

function typed(domain: GavelDomain): TypedDataDomain {
  return { ...domain };
}

export function domainSeparator(domain: GavelDomain): Hex {
  return TypedDataEncoder.hashDomain(typed(domain)) as Hex;
}

/** The bid id Gavel answers with and the digest the builder signs. */
export function bidDigest(domain: GavelDomain, bid: BidFields): Hex {
  return TypedDataEncoder.hash(typed(domain), BID_TYPES, bid) as Hex;
}

export function headerDigest(domain: GavelDomain, header: Uint8Array): Hex {
  return TypedDataEncoder.hash(typed(domain), HEADER_TYPES, { header }) as Hex;
}

export function queryDigest(domain: GavelDomain, query: BidsQuery): Hex {
  return TypedDataEncoder.hash(typed(domain), QUERY_TYPES, query) as Hex;
}

export function channelLoginDigest(domain: GavelDomain, challenge: ChannelChallenge, builder: Hex): Hex {
  return TypedDataEncoder.hash(typed(domain), CHANNEL_LOGIN_TYPES, { ...challenge, builder }) as Hex;
}

/** r ‖ s ‖ v, 65 bytes, v 27 or 28, low s (RFC 6979, deterministic). */
export function sign(key: SigningKey, digest: Hex): Hex {
  return key.sign(digest).serialized as Hex;
}

export function recover(digest: Hex, signature: Hex): Hex {
  return recoverAddress(digest, signature).toLowerCase() as Hex;
}
