// npm run package: builds, then writes strategy-align-<version>.vsix at the repository root with
// @vscode/vsce, offline (no npm, no network: the runtime dependencies are inside dist/extension.js,
// so the .vsix ships no node_modules).
//
// vsce refuses a package.json that has both a .vscodeignore and a "files" list, and ours has both:
// "files" says what the npm package (the CLI) ships, .vscodeignore what the .vsix ships. So vsce
// runs on a copy of the repository whose package.json has neither "files" nor "bin" (npm-only
// fields; "bin" names dist/cli.js, which the .vsix does not ship); everything else is as here, and
// .vscodeignore alone decides what goes in.
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createVSIX } from '@vscode/vsce';
import { REPO_ROOT } from './host/paths.mjs';

/** The .vsix must stay small: a minified bundle and a few media files. */
export const VSIX_BUDGET_BYTES = 400 * 1024;
/** Relative README/CHANGELOG links point at the repository's main branch, images at its raw files. */
const REPOSITORY = 'strategy-align/strategy-align';
const BASE_CONTENT_URL = `https://github.com/${REPOSITORY}/blob/main/`;
const BASE_IMAGES_URL = `https://raw.githubusercontent.com/${REPOSITORY}/main/`;
/** Never copied: git's data, installed packages, compiler and test output, earlier packages. */
const SKIP = new Set(['.git', 'node_modules', 'out', 'test-output', '.vscode-test']);

export function vsixName() {
  const { name, version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  return `${name}-${version}.vsix`;
}

/**
 * Packages the built extension (run `npm run build` first, or pass build: true) into `out`.
 * Returns the .vsix path and its size in bytes; throws when it is over the budget.
 */
export async function packageExtension({ out = join(REPO_ROOT, vsixName()), build = false, quiet = false } = {}) {
  if (build) execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
  const stage = mkdtempSync(join(tmpdir(), 'sa-vsix-'));
  try {
    cpSync(REPO_ROOT, stage, {
      recursive: true,
      filter: (src) => {
        const rel = relative(REPO_ROOT, src);
        return !SKIP.has(rel.split(/[\\/]/)[0]) && !rel.endsWith('.vsix');
      },
    });
    const manifest = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
    delete manifest.files;
    delete manifest.bin;
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    // The maps stay beside the bundles for debugging here; the shipped bundle names none.
    const main = join(stage, manifest.main);
    writeFileSync(main, readFileSync(main, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
    const log = console.log;
    if (quiet) console.log = () => {};
    try {
      await createVSIX({
        cwd: stage,
        packagePath: out,
        dependencies: false,
        baseContentUrl: BASE_CONTENT_URL,
        baseImagesUrl: BASE_IMAGES_URL,
      });
    } finally {
      console.log = log;
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const bytes = statSync(out).size;
  if (bytes > VSIX_BUDGET_BYTES)
    throw new Error(`${basename(out)} is ${bytes} bytes, over the ${VSIX_BUDGET_BYTES}-byte budget: check .vscodeignore (npx vsce ls)`);
  return { path: out, bytes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { path, bytes } = await packageExtension({ build: true });
    console.log(`${relative(process.cwd(), path) || path}: ${bytes} bytes`);
  } catch (error) {
    console.error(`[package] ${error.message}`);
    process.exit(1);
  }
}
