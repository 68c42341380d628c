// Runs @phala/dcap-qvl on the cases DifferentialTest writes, one JSON object per line on stdin:
//   {"id": "...", "quote": "<hex>", "collateral": {<dcap-qvl bundle>}, "root": "<hex DER>", "now": <unix seconds>}
// and answers one JSON object per line on stdout:
//   {"id": "...", "verdict": "valid" | "invalid", "status": "<TCB status>" | null, "advisories": [...], "error": "..."}
// dcap-qvl throws for every refusal; a refusal for the TCB status itself ("TCB status is invalid: Revoked")
// still names the status, which is kept.
'use strict';
const readline = require('readline');
const { QuoteVerifier } = require('@phala/dcap-qvl');

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
    if (!line.trim()) {
        return;
    }
    const input = JSON.parse(line);
    let answer;
    try {
        const verifier = QuoteVerifier.newWithRootCa(Buffer.from(input.root, 'hex'));
        const report = verifier.verify(Buffer.from(input.quote, 'hex'), input.collateral, input.now);
        answer = { id: input.id, verdict: 'valid', status: report.status, advisories: report.advisory_ids };
    } catch (e) {
        const status = /^TCB status is invalid: (\w+)$/.exec(e.message);
        answer = { id: input.id, verdict: 'invalid', status: status ? status[1] : null, advisories: [], error: e.message };
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
});
