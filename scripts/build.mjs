// One esbuild command for both bundles, then the JSON Schema of strategy.yaml.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync, chmodSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const watch = process.argv.includes('--watch');
// Minified for what users install (the .vsix, the npm package); the source maps are written beside
// the bundles for debugging and left out of both packages.
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, sourcemap: 'linked', logLevel: 'warning' };

// The build id (a hash of the sources) keeps one build's saved reports from another (the CLI's and
// the editor's).
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const sources = createHash('sha1').update(pkg.version).update(readFileSync('package-lock.json')); // the bundled yaml and zod too
for (const file of readdirSync('src', { recursive: true }).sort())
  if (String(file).endsWith('.ts')) sources.update(`${file}\0`).update(readFileSync(`src/${file}`));
const buildId = JSON.stringify(sources.digest('hex').slice(0, 16));

await build({
  ...common,
  entryPoints: { extension: 'src/extension/extension.ts' },
  outdir: 'dist',
  external: ['vscode'],
  define: { __BUILD__: buildId },
});
// The CLI: a small entry (version, help) that requires the command's bundle when it needs it:
// cli-report (the warm report and check) or cli-commands (everything, in full). `--version` is
// package.json's.
const sibling = {
  name: 'cli-bundles',
  setup: (b) => b.onResolve({ filter: /^\.\/cli-[a-z]+\.js$/ }, (a) => ({ path: a.path, external: true })),
};
const cli = {
  ...common,
  outdir: 'dist',
  plugins: [sibling],
  banner: { js: '#!/usr/bin/env node' }, // needed by cli.js only; harmless in the others (node skips it)
  define: { __VERSION__: JSON.stringify(pkg.version), __BUILD__: buildId },
};
await build({ ...cli, entryPoints: { 'cli-commands': 'src/cli/run.ts' } });
// The entry (which answers a saved report's output itself) and the warm path stream git
// (GitRunner.each) and never load simple-git: left out, it is 80 KB less to compile on every run
// (were it ever required there, the failure is a miss: the full path runs).
await build({ ...cli, entryPoints: { cli: 'src/cli/main.ts', 'cli-report': 'src/cli/warm.ts' }, external: ['simple-git'] });
chmodSync('dist/cli.js', 0o755);

// The schema is generated from the zod schema, so the two can never disagree.
mkdirSync('dist', { recursive: true });
await build({ ...common, entryPoints: { 'schema-gen': 'src/core/strategy/jsonSchema.ts' }, outdir: 'out/build', sourcemap: false });
const require = createRequire(import.meta.url);
const { strategyJsonSchema } = require('../out/build/schema-gen.js');
writeFileSync('dist/strategy.schema.json', JSON.stringify(strategyJsonSchema(), null, 2) + '\n');
if (watch) console.log('watch mode is not supported; run npm run build again');
