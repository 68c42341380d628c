export * from "./hex.js";
export * from "./header.js";
export * from "./eip712.js";
export * from "./seal.js";
export * from "./bid.js";
export * from "./block.js";
export * from "./opblock.js";
export * from "./client.js";
