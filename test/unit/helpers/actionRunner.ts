// Runs a composite action's steps the way the GitHub runner does: `${{ }}` expressions evaluated
// (only the ones action.yml may use, anything else throws, so this test cannot drift from the file),
// each `run:` as `bash --noprofile --norc -eo pipefail {0}` from GITHUB_WORKSPACE, with fresh
// GITHUB_OUTPUT / GITHUB_ENV / GITHUB_PATH / GITHUB_STEP_SUMMARY files per step, read back after it
// (outputs into steps.<id>.outputs, env and path into the next steps, summaries into the job's).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';

interface Input {
  description?: string;
  required?: boolean;
  default?: string;
}
interface Step {
  name?: string;
  id?: string;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
}
export interface ActionFile {
  inputs: Record<string, Input>;
  outputs: Record<string, { description?: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const STEP_KEYS = new Set(['name', 'id', 'shell', 'env', 'run']);
const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;

/** Reads action.yml and refuses what this runner does not model (so a new feature fails here first). */
export function loadAction(file: string): ActionFile {
  const action = parse(readFileSync(file, 'utf8')) as ActionFile;
  if (action.runs?.using !== 'composite') throw new Error(`runs.using is '${action.runs?.using}', not composite`);
  for (const [i, step] of action.runs.steps.entries()) {
    const extra = Object.keys(step).filter((k) => !STEP_KEYS.has(k));
    if (extra.length) throw new Error(`step ${i + 1}: keys this runner does not model: ${extra.join(', ')}`);
    if (typeof step.run !== 'string') throw new Error(`step ${i + 1}: not a run: step`);
    if (step.shell !== 'bash') throw new Error(`step ${i + 1}: shell is '${step.shell}', not bash`);
    // Script injection: inputs reach a script through env:, never pasted into its text.
    if (step.run.includes('${{')) throw new Error(`step ${i + 1} (${step.name}): an expression inside run:`);
  }
  const text = readFileSync(file, 'utf8');
  const where = [
    ...action.runs.steps.flatMap((s) => Object.values(s.env ?? {})),
    ...Object.values(action.outputs ?? {}).map((o) => o.value),
  ];
  const evaluated = where.join('\n').match(EXPRESSION)?.length ?? 0;
  const total = text.match(EXPRESSION)?.length ?? 0;
  if (total !== evaluated) throw new Error(`action.yml has ${total - evaluated} expression(s) outside step env: and outputs: values`);
  return action;
}

interface Context {
  inputs: Record<string, string>;
  steps: Record<string, Record<string, string>>;
}

/** The expressions the file uses: inputs.NAME and steps.ID.outputs.NAME. Anything else throws. */
function evaluate(template: string, context: Context, action: ActionFile, allowSteps: boolean): string {
  return template.replace(EXPRESSION, (_, body: string) => {
    const expr = body.trim();
    let m = /^inputs\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(expr);
    if (m) {
      if (!(m[1] in action.inputs)) throw new Error(`\${{ ${expr} }}: no such input`);
      return context.inputs[m[1]];
    }
    m = /^steps\.([A-Za-z_][A-Za-z0-9_-]*)\.outputs\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(expr);
    if (m && allowSteps) {
      if (!action.runs.steps.some((s) => s.id === m![1])) throw new Error(`\${{ ${expr} }}: no step with id ${m[1]}`);
      return context.steps[m[1]]?.[m[2]] ?? '';
    }
    throw new Error(`\${{ ${expr} }}: an expression this runner does not evaluate`);
  });
}

/** The runner's file-command format: `name=value` lines and `name<<DELIMITER` … `DELIMITER` blocks. */
export function parseFileCommand(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line === '') continue;
    const eq = line.indexOf('=');
    const heredoc = /^(.+?)<<(.+)$/.exec(line);
    if (heredoc && (eq < 0 || eq > line.indexOf('<<'))) {
      const end = lines.indexOf(heredoc[2], i + 1);
      if (end < 0) throw new Error(`file command: no closing ${heredoc[2]}`);
      values[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    if (eq <= 0) throw new Error(`file command: bad line '${line}'`);
    values[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return values;
}

export interface ActionRun {
  /** The exit code of the step that failed, else 0. */
  code: number;
  /** stdout and stderr of every step that ran, interleaved as written. */
  log: string;
  /** The job summary: every step's GITHUB_STEP_SUMMARY, in order. */
  summary: string;
  outputs: Record<string, string>;
  stepsRun: number;
}

export interface RunOptions {
  actionPath: string;
  workspace: string;
  runnerTemp: string;
  inputs?: Record<string, string>;
  /** The job's environment (the runner adds the GITHUB_* and RUNNER_* variables). */
  env: Record<string, string>;
}

function runBash(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (log += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (log += c));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), log }));
  });
}

export async function runAction(action: ActionFile, options: RunOptions): Promise<ActionRun> {
  for (const name of Object.keys(options.inputs ?? {})) if (!(name in action.inputs)) throw new Error(`unexpected input '${name}'`);
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) inputs[name] = options.inputs?.[name] ?? input.default ?? '';
  const context: Context = { inputs, steps: {} };
  const fromEnvFiles: Record<string, string> = {};
  const paths: string[] = [];
  let log = '';
  let summary = '';
  let stepsRun = 0;
  let code = 0;
  for (const [i, step] of action.runs.steps.entries()) {
    const dir = join(options.runnerTemp, '_runner_file_commands', String(i));
    mkdirSync(dir, { recursive: true });
    const files = { GITHUB_OUTPUT: 'output', GITHUB_ENV: 'env', GITHUB_PATH: 'path', GITHUB_STEP_SUMMARY: 'summary' };
    const fileEnv = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, join(dir, f)]));
    for (const file of Object.values(fileEnv)) writeFileSync(file, '');
    const script = join(dir, 'step.sh');
    writeFileSync(script, step.run!);
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v), context, action, false)]));
    const env: Record<string, string> = {
      ...options.env,
      ...fromEnvFiles,
      ...stepEnv,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_ACTION_PATH: options.actionPath,
      RUNNER_TEMP: options.runnerTemp,
      RUNNER_OS: 'Linux',
      ...fileEnv,
      PATH: [...paths, options.env.PATH].join(delimiter),
    };
    const result = await runBash(script, options.workspace, env);
    stepsRun++;
    log += result.log;
    summary += readFileSync(fileEnv.GITHUB_STEP_SUMMARY, 'utf8');
    if (step.id) context.steps[step.id] = parseFileCommand(readFileSync(fileEnv.GITHUB_OUTPUT, 'utf8'));
    Object.assign(fromEnvFiles, parseFileCommand(readFileSync(fileEnv.GITHUB_ENV, 'utf8')));
    // Each line is prepended: the last one written comes first on PATH.
    for (const line of readFileSync(fileEnv.GITHUB_PATH, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean))
      paths.unshift(line);
    if (result.code !== 0) {
      code = result.code;
      break;
    }
  }
  const outputs = Object.fromEntries(
    Object.entries(action.outputs ?? {}).map(([name, o]) => [name, evaluate(o.value, context, action, true)]),
  );
  return { code, log, summary, outputs, stepsRun };
}
