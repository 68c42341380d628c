// Sealing (docs/builder-api.md): HPKE base mode, DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / ChaCha20-Poly1305,
// info "gavel sealed bid v2", the 110-byte header as associated data (it holds the encapsulated key, so the key
// is made first and the header after it).
import { Chacha20Poly1305 } from "@hpke/chacha20poly1305";
import { CipherSuite, HkdfSha256 } from "@hpke/core";
import { DhkemX25519HkdfSha256 } from "@hpke/dhkem-x25519";
import { encodeHeader, type HeaderFields } from "./header.js";

export const SUITE_NAME = "DHKEM(X25519,HKDF-SHA256)/HKDF-SHA256/ChaCha20-Poly1305";
export const INFO = new TextEncoder().encode("gavel sealed bid v2");
const TAG_BYTES = 16;

export const suite = new CipherSuite({
  kem: new DhkemX25519HkdfSha256(),
  kdf: new HkdfSha256(),
  aead: new Chacha20Poly1305(),
});

export interface Sealed {
  header: Uint8Array;
  ciphertext: Uint8Array;
}

/**
 * Seals {@code plaintext} to the auction's public key under a header with {@code fields}; {@code ephemeral} is
 * for test vectors only (real bids use a fresh key per bid).
 */
export async function seal(
  auctionPublicKey: Uint8Array,
  fields: Omit<HeaderFields, "ciphertextLength" | "encapsulatedKey">,
  plaintext: Uint8Array,
  ephemeral?: CryptoKeyPair,
): Promise<Sealed> {
  const recipientPublicKey = await suite.kem.deserializePublicKey(auctionPublicKey);
  const sender = await suite.createSenderContext({ recipientPublicKey, info: INFO, ekm: ephemeral });
  const header = encodeHeader({
    ...fields,
    ciphertextLength: plaintext.length + TAG_BYTES,
    encapsulatedKey: new Uint8Array(sender.enc),
  });
  const ciphertext = new Uint8Array(await sender.seal(plaintext, header));
  return { header, ciphertext };
}

/** The ephemeral key pair RFC 9180's DeriveKeyPair makes from {@code ikm}: deterministic, for vectors. */
export async function deriveEphemeral(ikm: Uint8Array): Promise<CryptoKeyPair> {
  return suite.kem.deriveKeyPair(ikm);
}

/** Opens a sealed bid with the auction's private key, as Gavel does (tests use it to cross-check). */
export async function open(auctionPrivateKey: Uint8Array, sealed: Sealed, encapsulatedKey: Uint8Array): Promise<Uint8Array> {
  const recipientKey = await suite.kem.importKey("raw", auctionPrivateKey.slice().buffer, false);
  const recipient = await suite.createRecipientContext({ recipientKey, enc: encapsulatedKey, info: INFO });
  return new Uint8Array(await recipient.open(sealed.ciphertext, sealed.header));
}
