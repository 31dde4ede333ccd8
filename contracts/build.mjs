// Compiles contracts/src/*.sol with solc-js (pinned in package.json) into
// contracts/artifacts/<Contract>.json, which the Rust code loads and which are committed.
// `--check` compiles and fails if any committed artifact differs (a test runs it).
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

const root = dirname(fileURLToPath(import.meta.url));
const check = process.argv.includes('--check');
const sources = {};
for (const file of readdirSync(join(root, 'src')).filter((f) => f.endsWith('.sol')).sort()) {
  sources[`src/${file}`] = { content: readFileSync(join(root, 'src', file), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};
const findImports = (path) => {
  const file = join(root, 'node_modules', path);
  return existsSync(file) ? { contents: readFileSync(file, 'utf8') } : { error: `not found: ${path}` };
};
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
if (errors.length) {
  for (const e of errors) console.error(e.formattedMessage);
  process.exit(1);
}
let stale = 0;
for (const [source, contracts] of Object.entries(output.contracts).filter(([s]) => s.startsWith('src/'))) {
  for (const [name, c] of Object.entries(contracts)) {
    if (!c.evm.bytecode.object) continue; // interfaces have no code
    const artifact = {
      contractName: name,
      source,
      sourceSha256: createHash('sha256').update(sources[source].content).digest('hex'),
      compiler: `solc-js ${solc.version()}`,
      abi: c.abi,
      bytecode: `0x${c.evm.bytecode.object}`,
      deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
    };
    const text = `${JSON.stringify(artifact, null, 2)}\n`;
    const path = join(root, 'artifacts', `${name}.json`);
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
        console.error(`stale: contracts/artifacts/${name}.json (run: cd contracts && npm run build)`);
        stale += 1;
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote artifacts/${name}.json`);
    }
  }
}
process.exit(stale ? 1 : 0);
