// Installs dependencies when node_modules is missing or older than package-lock.json,
// so `npm test` and `npm start` work as the first command typed in a fresh clone.
import { existsSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || (existsSync('package-lock.json') && statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs);
if (stale) {
  console.log('[deps] node_modules missing or stale: running npm ci');
  execFileSync('npm', [existsSync('package-lock.json') ? 'ci' : 'install'], { stdio: 'inherit' });
}
