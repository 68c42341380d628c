// Compiles contracts/*.sol (into target/contracts) and the tests' own contracts, test-contracts/*.sol
// (into target/test-contracts), with solc-js (standard JSON, optimizer on, EVM version prague), resolving
// imports from contracts/ and node_modules, and writes <Name>.abi and <Name>.bin for web3j's wrapper
// generator. Exits non-zero on any compiler error.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const root = path.resolve(__dirname, '..');
const sourceDir = path.join(root, 'contracts');

function findImports(importPath) {
  for (const base of [sourceDir, path.join(root, 'node_modules')]) {
    const candidate = path.join(base, importPath);
    if (fs.existsSync(candidate)) {
      return { contents: fs.readFileSync(candidate, 'utf8') };
    }
  }
  return { error: 'import not found: ' + importPath };
}

function compile(directory, outDir) {
  const sources = {};
  for (const file of fs.readdirSync(directory).filter((f) => f.endsWith('.sol')).sort()) {
    sources[file] = { content: fs.readFileSync(path.join(directory, file), 'utf8') };
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
  for (const message of output.errors || []) {
    console.error(message.formattedMessage);
  }
  if ((output.errors || []).some((e) => e.severity === 'error')) {
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
}

compile(sourceDir, path.join(root, 'target', 'contracts'));
compile(path.join(root, 'test-contracts'), path.join(root, 'target', 'test-contracts'));
