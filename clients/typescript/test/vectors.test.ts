// The test vectors of docs/builder-api.md, recomputed by this client with hpke-js and ethers alone: no Gavel
// Java code is involved, so a pass means the document is enough to seal, sign and hash as Gavel checks.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { SigningKey, computeAddress } from "ethers";
import {
  bidDigest,
  bodyJson,
  channelLoginDigest,
  deriveEphemeral,
  domainSeparator,
  fromHex,
  gavelDomain,
  headerDigest,
  open,
  opBlockHash,
  queryDigest,
  recover,
  seal,
  sign,
  toHex,
  type ExecutionPayload,
  type Hex,
} from "../src/index.js";

const DOCUMENT = readFileSync(new URL("../../../../docs/builder-api.md", import.meta.url), "utf8");

function block(name: string): any {
  const found = DOCUMENT.match(new RegExp("```json " + name + "\\n([\\s\\S]*?)```"));
  assert.ok(found, `a json ${name} block in docs/builder-api.md`);
  return JSON.parse(found[1]);
}

const { inputs: i, outputs: o } = block("header-v2-vectors");
const domain = gavelDomain(BigInt(i.chainId), i.verifyingContract);
const builderKey = new SigningKey(i.builderPrivateKey);
const bid = {
  blockNumber: BigInt(i.blockNumber),
  parentHash: i.parentHash as Hex,
  blockHash: i.blockHash as Hex,
  value: BigInt(i.value),
  builder: o.builder as Hex,
};

async function sealVector() {
  return seal(
    fromHex(o.auctionPublicKey),
    { keyId: i.keyId, payloadId: i.payloadId, blockNumber: BigInt(i.blockNumber), parentHash: i.parentHash, builder: o.builder },
    fromHex(i.plaintext),
    await deriveEphemeral(fromHex(i.ephemeralIkm)),
  );
}

test("the builder's address is that of its key", () => {
  assert.equal(computeAddress(builderKey.publicKey).toLowerCase(), o.builder);
});

test("the EIP-712 domain separator is the document's", () => {
  assert.equal(domainSeparator(domain), o.domainSeparator);
});

test("sealing with the vector's ephemeral key gives the document's header and ciphertext", async () => {
  const sealed = await sealVector();
  assert.equal(toHex(sealed.header), o.header);
  assert.equal(sealed.header.length, 110);
  assert.equal(toHex(sealed.ciphertext), o.ciphertext);
});

test("the auction's private key opens the document's ciphertext to the plaintext", async () => {
  const header = fromHex(o.header);
  const opened = await open(fromHex(i.auctionPrivateKey), { header, ciphertext: fromHex(o.ciphertext) }, header.slice(78));
  assert.equal(toHex(opened), i.plaintext);
});

test("a header changed in one byte no longer opens: it is the associated data", async () => {
  const header = fromHex(o.header);
  const tampered = header.slice();
  tampered[20] ^= 1;
  await assert.rejects(
    open(fromHex(i.auctionPrivateKey), { header: tampered, ciphertext: fromHex(o.ciphertext) }, header.slice(78)),
  );
});

test("the header's digest and signature are the document's, and recover to the builder", () => {
  const digest = headerDigest(domain, fromHex(o.header));
  assert.equal(digest, o.headerDigest);
  assert.equal(sign(builderKey, digest), o.headerSignature);
  assert.equal(recover(digest, o.headerSignature), o.builder);
});

test("the bid's digest (its bidId) and signature are the document's", () => {
  const digest = bidDigest(domain, bid);
  assert.equal(digest, o.bidDigest);
  assert.equal(sign(builderKey, digest), o.bidSignature);
});

test("a BidsQuery's digest and signature are the document's, and differ from a bid's and a header's", () => {
  const q = i.bidsQuery;
  const digest = queryDigest(domain, {
    builder: o.builder,
    fromBlock: BigInt(q.fromBlock),
    toBlock: BigInt(q.toBlock),
    expires: BigInt(q.expires),
  });
  assert.equal(digest, o.queryDigest);
  assert.equal(sign(builderKey, digest), o.querySignature);
  assert.notEqual(digest, o.bidDigest);
  assert.notEqual(digest, o.headerDigest);
});

test("the body is the document's, header and headerSignature first", async () => {
  const sealed = await sealVector();
  const json = bodyJson(domain, builderKey, sealed.header, sealed.ciphertext);
  assert.deepEqual(JSON.parse(json), o.body);
  assert.deepEqual(Object.keys(JSON.parse(json)), ["header", "headerSignature", "ciphertext"]);
  assert.ok(json.indexOf(o.headerSignature) + o.headerSignature.length < 512, "header and signature within 512 bytes");
});

test("the OP block-hash vector holds", () => {
  const vector = block("block-hash-vector");
  assert.equal(opBlockHash(vector.executionPayload as ExecutionPayload, vector.parentBeaconBlockRoot), vector.blockHash);
});

test("a block whose payload changed in one field hashes differently", () => {
  const vector = block("block-hash-vector");
  const changed = { ...vector.executionPayload, gasUsed: "0x989681" } as ExecutionPayload;
  assert.notEqual(opBlockHash(changed, vector.parentBeaconBlockRoot), vector.blockHash);
});

test("a channel login's digest and signature are the document's, and recover to the builder", () => {
  const { inputs: li, outputs: lo } = block("channel-login-vector");
  const loginDomain = gavelDomain(BigInt(li.chainId), li.verifyingContract);
  const key = new SigningKey(li.builderPrivateKey);
  const challenge = { nonce: li.nonce as Hex, issuedAt: BigInt(li.issuedAt), auctionKeyId: li.auctionKeyId };
  const digest = channelLoginDigest(loginDomain, challenge, lo.builder);
  assert.equal(computeAddress(key.publicKey).toLowerCase(), lo.builder);
  assert.equal(digest, lo.digest);
  assert.equal(sign(key, digest), lo.signature);
  assert.equal(recover(digest, lo.signature), lo.builder);
});
