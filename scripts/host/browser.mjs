// Debian's Chromium driven by playwright-core: never a browser download.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './paths.mjs';
import { xdgEnv } from './server.mjs';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium with its XDG folders under `root`. */
export async function launchBrowser(root) {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, env: { ...process.env, ...xdgEnv(root) } });
}
