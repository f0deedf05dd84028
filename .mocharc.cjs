// Unit tests: mocha in parallel, two workers (the machine has two cores). Workers take files in
// the order given here, so the long files go first: started last, one of them would run alone while
// the other worker sits idle (the suite took ~30 s longer in alphabetical order). The rest follow
// alphabetically; a new long file belongs in LONGEST (`npx mocha --no-config … file` times one).
const { readdirSync } = require('node:fs');

const DIR = 'out/test/unit';
/** Longest first, by their time alone on the 2-core machine (about 15 to 55 s each). */
const LONGEST = [
  'sync-remote',
  'cli-warm',
  'history-cache',
  'concurrency',
  'git-edge-cli',
  'action',
  'history-cache-file',
  'cli-corpus',
  'cli-report',
  'ledger-lifecycle',
  'properties-strategy',
  'cli-cache',
  'properties-trailers',
];

function spec() {
  let names;
  try {
    names = readdirSync(DIR).filter((name) => name.endsWith('.test.js'));
  } catch {
    return [`${DIR}/**/*.test.js`]; // not compiled yet: mocha says so
  }
  const rank = (name) => {
    const i = LONGEST.indexOf(name.replace(/\.test\.js$/, ''));
    return i === -1 ? LONGEST.length : i;
  };
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((name) => `${DIR}/${name}`);
}

module.exports = {
  spec: spec(),
  parallel: true,
  jobs: 2,
  timeout: 120000,
  reporter: 'spec',
  'enable-source-maps': true,
  require: ['out/test/unit/setup.js'],
};
