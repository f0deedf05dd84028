// One esbuild command for both bundles, then the JSON Schema of strategy.yaml.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';

const watch = process.argv.includes('--watch');
// Minified for what users install (the .vsix, the npm package); the source maps are written beside
// the bundles for debugging and left out of both packages.
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, sourcemap: 'linked', logLevel: 'warning' };

await build({ ...common, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', external: ['vscode'] });
await build({ ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } });
chmodSync('dist/cli.js', 0o755);

// The schema is generated from the zod schema, so the two can never disagree.
mkdirSync('dist', { recursive: true });
await build({ ...common, entryPoints: { 'schema-gen': 'src/core/strategy/jsonSchema.ts' }, outdir: 'out/build', sourcemap: false });
const require = createRequire(import.meta.url);
const { strategyJsonSchema } = require('../out/build/schema-gen.js');
writeFileSync('dist/strategy.schema.json', JSON.stringify(strategyJsonSchema(), null, 2) + '\n');
if (watch) console.log('watch mode is not supported; run npm run build again');
