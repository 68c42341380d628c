// Hex as Gavel writes it: 0x-prefixed, lower case on output, either case on input.

export type Hex = `0x${string}`;

export function toHex(bytes: Uint8Array): Hex {
  return ("0x" + Buffer.from(bytes).toString("hex")) as Hex;
}

export function fromHex(hex: string): Uint8Array {
  const digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.slice(2) : hex;
  if (digits.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(digits)) {
    throw new Error(`not hex: ${hex.slice(0, 20)}`);
  }
  return new Uint8Array(Buffer.from(digits, "hex"));
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A quantity as the Engine API writes it: 0x and no leading zeros. */
export function quantity(value: bigint | number): Hex {
  return ("0x" + BigInt(value).toString(16)) as Hex;
}
