// Compiles contracts/*.sol with solc-js (standard JSON, optimizer on, EVM version prague), resolving
// imports from node_modules, and writes target/contracts/<Name>.abi and <Name>.bin for web3j's wrapper
// generator. Exits non-zero on any compiler error.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const root = path.resolve(__dirname, '..');
const sourceDir = path.join(root, 'contracts');
const outDir = path.join(root, 'target', 'contracts');

function findImports(importPath) {
  for (const base of [sourceDir, path.join(root, 'node_modules')]) {
    const candidate = path.join(base, importPath);
    if (fs.existsSync(candidate)) {
      return { contents: fs.readFileSync(candidate, 'utf8') };
    }
  }
  return { error: 'import not found: ' + importPath };
}

const sources = {};
for (const file of fs.readdirSync(sourceDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(sourceDir, file), 'utf8') };
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'prague',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const message of output.errors || []) {
  console.error(message.formattedMessage);
}
if (errors.length > 0) {
  process.exit(1);
}

fs.mkdirSync(outDir, { recursive: true });
let written = 0;
for (const file of Object.keys(sources)) {
  for (const [name, contract] of Object.entries(output.contracts[file] || {})) {
    if (!contract.evm.bytecode.object) {
      continue; // interfaces and abstract contracts have no bytecode
    }
    fs.writeFileSync(path.join(outDir, name + '.abi'), JSON.stringify(contract.abi));
    fs.writeFileSync(path.join(outDir, name + '.bin'), contract.evm.bytecode.object);
    written++;
  }
}
console.log('solc ' + solc.version() + ': ' + written + ' contracts in ' + path.relative(root, outDir));
