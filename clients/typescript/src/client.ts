// A builder's client of Gavel's public API: the auction key and EIP-712 domain, sealed bids (JSON, header v2,
// header first), the builder channel (logged in; its build jobs), the winners websocket, and the builder's own
// bids after their rounds close.
import { SigningKey, computeAddress } from "ethers";
import WebSocket from "ws";
import { sealBid, type AuctionKey, type RoundRef } from "./bid.js";
import { channelLoginDigest, queryDigest, sign, type GavelDomain } from "./eip712.js";
import { fromHex, type Hex } from "./hex.js";

/** GET /v1/auction-key. */
export interface AuctionKeyDocument {
  keyId: number;
  suite: string;
  publicKey: Hex;
  info: string;
  eip712Domain: { name: string; version: string; chainId: number; verifyingContract: Hex };
  hubKeyId: number | null;
}

/** A build job as the builder channel (/v1/builder) pushes it when a round opens: its message's `job`. */
export interface BuildJob {
  roundId: number;
  payloadId: Hex;
  blockNumber: Hex;
  parentHash: Hex;
  attributes: {
    timestamp: Hex;
    prevRandao: Hex;
    suggestedFeeRecipient: Hex;
    withdrawals: unknown[];
    parentBeaconBlockRoot: Hex;
    transactions: Hex[];
    noTxPool: boolean;
    gasLimit: Hex;
    eip1559Params?: Hex;
    minBaseFee?: number;
  };
  bidDeadline: string;
  policy: Record<string, unknown>;
}

/** An outcome as /v1/winners pushes it when a round closes. */
export interface Outcome {
  roundId: number;
  blockNumber: Hex;
  winner: Hex | null;
  bidValue: Hex | null;
  price: Hex | null;
  blockHash: Hex | null;
  bidCount: number;
  [field: string]: unknown;
}

/** 202 with the bid id, or the refusal: its code, message and, for 429 and 503, the seconds to wait. */
export type SubmitResult =
  | { accepted: true; status: number; bidId: Hex; body: Record<string, unknown> }
  | { accepted: false; status: number; code: string; message: string; retryAfterSeconds?: number };

export class GavelClient {
  readonly builder: Hex;
  private readonly key: SigningKey;
  private auctionKey?: AuctionKey;
  private domain?: GavelDomain;

  constructor(
    private readonly baseUrl: string,
    privateKey: Hex,
  ) {
    this.key = new SigningKey(privateKey);
    this.builder = computeAddress(this.key.publicKey).toLowerCase() as Hex;
  }

  /** Reads the auction key and the EIP-712 domain: call once before sealing, again after a key rotation. */
  async fetchAuctionKey(): Promise<AuctionKeyDocument> {
    const response = await fetch(new URL("/v1/auction-key", this.baseUrl));
    if (!response.ok) {
      throw new Error(`GET /v1/auction-key answered ${response.status}`);
    }
    const document = (await response.json()) as AuctionKeyDocument;
    this.auctionKey = { keyId: document.keyId, publicKey: fromHex(document.publicKey) };
    this.domain = { ...document.eip712Domain, chainId: BigInt(document.eip712Domain.chainId) };
    return document;
  }

  /** Signs, seals and posts one bid for {@code round}; the envelope is the block as getPayload would serve it. */
  async submit(round: RoundRef, blockHash: Hex, value: bigint, envelope: unknown): Promise<SubmitResult> {
    if (!this.auctionKey || !this.domain) {
      throw new Error("fetchAuctionKey() first");
    }
    const body = await sealBid(this.domain, this.auctionKey, this.key, round, { blockHash, value }, envelope, this.builder);
    const response = await fetch(new URL("/v1/bids", this.baseUrl), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: body.json,
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (response.status === 202) {
      return { accepted: true, status: 202, bidId: answer.bidId as Hex, body: answer };
    }
    const retryAfter = response.headers.get("Retry-After");
    return {
      accepted: false,
      status: response.status,
      code: String(answer.code),
      message: String(answer.message),
      ...(retryAfter ? { retryAfterSeconds: Number(retryAfter) } : {}),
    };
  }

  /** Logs in on the builder channel (/v1/builder) and hands over each build job it pushes; close the socket to stop. */
  buildJobs(onJob: (job: BuildJob) => void): WebSocket {
    return this.channel((message) => {
      if (message.type === "buildJob") {
        onJob(message.job as BuildJob);
      }
    });
  }

  /**
   * The builder channel: answers its challenge with this key's ChannelLogin, then hands over every message it
   * pushes (welcome, build jobs, blocks, forkchoice states, orderflow, outcomes). A refused login closes the
   * socket with 1008 and the reason. fetchAuctionKey() first: the login is signed in the auction's domain.
   */
  channel(onMessage: (message: Record<string, unknown>) => void): WebSocket {
    const domain = this.domain;
    if (!domain) {
      throw new Error("fetchAuctionKey() first");
    }
    let loggedIn = false;
    return this.follow("/v1/builder", (text, socket) => {
      const message = JSON.parse(text) as Record<string, unknown>;
      if (loggedIn) {
        onMessage(message);
        return;
      }
      const challenge = {
        nonce: message.nonce as Hex,
        issuedAt: BigInt(message.issuedAt as number),
        auctionKeyId: message.auctionKeyId as number,
      };
      const signature = sign(this.key, channelLoginDigest(domain, challenge, this.builder));
      socket.send(JSON.stringify({ builder: this.builder, signature }));
      loggedIn = true;
    });
  }

  /** Follows /v1/winners, from {@code fromBlock} (recorded history first, then live) when given. */
  winners(onOutcome: (outcome: Outcome) => void, fromBlock?: bigint): WebSocket {
    const path = fromBlock === undefined ? "/v1/winners" : `/v1/winners?fromBlock=${fromBlock}`;
    return this.follow(path, (text) => onOutcome(JSON.parse(text) as Outcome));
  }

  /** This builder's own bids in blocks [fromBlock, toBlock] whose rounds are over: a BidsQuery signed for a minute. */
  async ownBids(fromBlock: bigint, toBlock: bigint): Promise<Record<string, unknown>[]> {
    if (!this.domain) {
      throw new Error("fetchAuctionKey() first");
    }
    const expires = BigInt(Math.floor(Date.now() / 1000) + 60);
    const query = { builder: this.builder, fromBlock, toBlock, expires };
    const signature = sign(this.key, queryDigest(this.domain, query));
    const url = new URL("/v1/builder/bids", this.baseUrl);
    url.search = new URLSearchParams({
      builder: this.builder,
      fromBlock: String(fromBlock),
      toBlock: String(toBlock),
      expires: String(expires),
      signature,
    }).toString();
    const response = await fetch(url);
    const body = (await response.json()) as { data?: Record<string, unknown>[]; code?: string; message?: string };
    if (!response.ok) {
      throw new Error(`GET /v1/builder/bids answered ${response.status} ${body.code}: ${body.message}`);
    }
    return body.data ?? [];
  }

  private follow(path: string, onMessage: (text: string, socket: WebSocket) => void): WebSocket {
    const url = new URL(path, this.baseUrl);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(url);
    socket.on("message", (data) => onMessage(data.toString(), socket));
    return socket;
  }
}
