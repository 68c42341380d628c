// A builder run by `gavel devnet --ts-builder`: logs in on the builder channel, builds a block for each build job
// it pushes, bids it through this client, and prints one JSON line per answer ({"block", "status", "code" | "bidId"}) for the devnet to tally.
//   node dist/src/devnet-builder.js --url http://127.0.0.1:8080 --key-file KEY --value WEI --base-fee WEI
//     --gas-used GAS [--transactions N]
import { readFileSync } from "node:fs";
import { Wallet } from "ethers";
import { GavelClient, type BuildJob } from "./client.js";
import type { Hex } from "./hex.js";
import { buildBlock } from "./opblock.js";

function option(name: string, fallback?: string): string {
  const at = process.argv.indexOf(name);
  if (at >= 0 && at + 1 < process.argv.length) {
    return process.argv[at + 1];
  }
  if (fallback === undefined) {
    console.error(`devnet-builder: ${name} is required`);
    process.exit(2);
  }
  return fallback;
}

const key = readFileSync(option("--key-file"), "utf8").trim() as Hex;
const client = new GavelClient(option("--url"), (key.startsWith("0x") ? key : "0x" + key) as Hex);
const plan = {
  value: BigInt(option("--value")),
  baseFee: BigInt(option("--base-fee")),
  gasUsed: BigInt(option("--gas-used")),
  userTransactions: Number(option("--transactions", "3")),
};
const sender = Wallet.createRandom();
let nonce = 0;

await client.fetchAuctionKey();
const channel = client.channel((message) => {
  if (message.type === "welcome") {
    console.log(JSON.stringify({ ready: client.builder }));
    return;
  }
  if (message.type !== "buildJob") {
    return;
  }
  const job = message.job as BuildJob;
  const txs = nonce;
  nonce += plan.userTransactions;
  buildBlock(job, plan, new Wallet(sender.privateKey), txs)
    .then((block) =>
      client.submit(
        { payloadId: job.payloadId, blockNumber: BigInt(job.blockNumber), parentHash: job.parentHash },
        block.blockHash,
        plan.value,
        block.envelope,
      ),
    )
    .then((result) =>
      console.log(
        JSON.stringify({
          block: Number(BigInt(job.blockNumber)),
          status: result.status,
          ...(result.accepted ? { bidId: result.bidId } : { code: result.code, message: result.message }),
        }),
      ),
    )
    .catch((error: Error) => console.log(JSON.stringify({ block: Number(BigInt(job.blockNumber)), error: error.message })));
});
channel.on("close", (code, reason) => {
  if (code !== 1000 && code !== 1001 && code !== 1005) {
    console.error(`devnet-builder: the channel closed ${code}: ${reason.toString()}`);
  }
  process.exit(0);
});
process.on("SIGTERM", () => channel.close());
