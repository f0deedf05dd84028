// What the command line says about itself, in a module with no imports: the entry prints these
// without loading any command's code.
declare const __VERSION__: string | undefined;

/** package.json's version, put in by the build (esbuild define); `dev` when run from tsc's output. */
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

export const HELP = `strategy-align: where your team's effort goes, against its ranked strategy (strategy.yaml).

Usage: strategy-align <command> [options]

  report       effort by goal, untagged work and alignment (text, md, json); --repo … for several
  check        fail CI when effort drifts (exit 1, one line per failed rule)
  merge        combine JSON reports (e.g. one CI job per repository) into one report
  validate     check strategy.yaml (strategy.yaml:LINE:COL: error|warning: message)
  tag-branch   tag a branch with a goal (git config branch.<name>.goal)
  tag-commit   tag a commit after the fact (git note on refs/notes/goals)
  hook         install|uninstall the prepare-commit-msg hook that adds Goal: trailers
  sync         publish this clone's tags and bring in the team's (notes and branch ledger)
  triage       review untagged work with a suggested goal; --accept writes them as notes

Run strategy-align <command> --help for its options. Exit codes: 0 ok, 1 check failed,
2 usage or configuration error.
`;

declare const __BUILD__: string | undefined;

/** A hash of the sources the build was made from (warm reports saved by another build are not used); `dev` from tsc's output. */
export const BUILD = typeof __BUILD__ === 'string' ? __BUILD__ : 'dev';
