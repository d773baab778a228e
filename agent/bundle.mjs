/**
 * The agent as a package for hosts that have only Node.js (≥ 20): agent/dist/package/ holds
 * dist/hss-agent.mjs (the command line with @hss/schema, zod and ws inside), one bundle per
 * other process entry point (src/*-main.ts, which the agent forks), the policies and the systemd
 * unit. The control plane serves that folder as /agent/hss-agent.tar.gz. Runs after `tsc -b`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const agentDir = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(agentDir, 'dist', 'package');
const pkg = JSON.parse(fs.readFileSync(path.join(agentDir, 'package.json'), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // ws loads these native speed-ups only when they are installed; the agent does without them.
  external: ['bufferutil', 'utf-8-validate'],
  // Bundled CommonJS (ws) calls require() for node's own modules, which ESM does not have.
  banner: { js: "import { createRequire as __hssRequire } from 'node:module'; const require = __hssRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
};

fs.rmSync(out, { recursive: true, force: true });
const dist = path.join(agentDir, 'dist');
// Forked entry points are found at ../dist/<name>.js from the module that forks them, as in dist/.
const forked = fs.readdirSync(dist).filter((f) => f.endsWith('-main.js'));
await Promise.all([
  build({ ...common, entryPoints: [path.join(dist, 'cli.js')], outfile: path.join(out, 'dist', 'hss-agent.mjs') }),
  ...forked.map((f) => build({ ...common, entryPoints: [path.join(dist, f)], outfile: path.join(out, 'dist', f) })),
]);
fs.cpSync(path.join(agentDir, 'policies'), path.join(out, 'policies'), { recursive: true });
fs.cpSync(path.join(agentDir, 'packaging'), path.join(out, 'packaging'), { recursive: true });
// The agent reports this version (host-facts.ts reads ../package.json); "module" makes the .js bundles ESM.
fs.writeFileSync(
  path.join(out, 'package.json'),
  `${JSON.stringify({ name: 'hss-agent', version: pkg.version, private: true, type: 'module' }, null, 2)}\n`,
);
