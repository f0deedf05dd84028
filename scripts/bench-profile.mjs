// A V8 CPU profile of the extension host in a few lines (scripts/bench-editor.mjs --profile): time
// by who ran it (Strategy Align's bundle, the built-in git extension, VS Code's extension host,
// Node, GC, idle), and Strategy Align's functions by the time spent in them and in what they called
// (Node's internals included), named from the bundle's source map.
import { existsSync, readFileSync } from 'node:fs';

const WHO = [
  [/strategy-align[^/]*\/dist\//, 'Strategy Align'],
  [/extensions\/git\//, 'built-in git extension'],
  [/\/extensions\//, 'other extensions'],
  [/lib\/vscode\/out\//, 'VS Code extension host'],
  [/^node:/, 'Node internals'],
];

function who(frame) {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : 'native';
  return WHO.find(([pattern]) => pattern.test(frame.url))?.[1] ?? 'other';
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Source map v3 `mappings` → per generated line, sorted [column, source, line, name] segments. */
function decodeMappings(map) {
  const lines = [];
  let source = 0;
  let line = 0;
  let name = 0;
  for (const text of map.mappings.split(';')) {
    const segments = [];
    let generated = 0;
    for (const segment of text.split(',')) {
      if (!segment) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      generated += values[0];
      if (values.length >= 4) {
        source += values[1];
        line += values[2];
        if (values.length >= 5) name += values[4];
        segments.push([generated, source, line, values.length >= 5 ? name : -1]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

/** Names a bundle's frame "function src/file.ts:line" through `mapFile` (when it exists). */
export function namer(mapFile) {
  if (!mapFile || !existsSync(mapFile)) return (frame) => `${frame.functionName || '(anonymous)'} :${frame.lineNumber + 1}`;
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  const lines = decodeMappings(map);
  return (frame) => {
    const segments = lines[frame.lineNumber] ?? [];
    let found;
    for (const s of segments) {
      if (s[0] > frame.columnNumber) break;
      found = s;
    }
    if (!found) return `${frame.functionName || '(anonymous)'} :${frame.lineNumber + 1}`;
    const source = map.sources[found[1]].replace(/^(\.\.\/)+/, '');
    const name = found[3] >= 0 ? map.names[found[3]] : frame.functionName || '(anonymous)';
    return `${name} ${source}:${found[2] + 1}`;
  };
}

/**
 * The profile's call tree by node id, and for a sample's node the innermost and outermost
 * Strategy Align frames on its stack (undefined when none: not our work).
 */
function stacks(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frames = (id) => {
    const out = [];
    for (let at = id; at !== undefined; at = parent.get(at)) out.push(byId.get(at).callFrame);
    return out;
  };
  const ours = (id) => {
    const mine = frames(id).filter((f) => who(f) === 'Strategy Align');
    return { innermost: mine[0], outermost: mine.at(-1) };
  };
  return { byId, frames, ours };
}

/**
 * `profile` summarized; `mapFile` is the bundle's source map (dist/extension.js.map: the bundle
 * in the .vsix is the same file without its sourceMappingURL comment).
 */
export function profileSummary(profile, mapFile, top = 15) {
  const name = namer(mapFile);
  const { byId, ours } = stacks(profile);
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byWho = new Map();
  const inner = new Map(); // the innermost Strategy Align frame on the stack, with what it called
  const outer = new Map(); // the outermost one: the entry (a scan, a tree call, an event)
  for (const [id, ms] of self) {
    const node = byId.get(id);
    const owner = who(node.callFrame);
    byWho.set(owner, (byWho.get(owner) ?? 0) + ms);
    const { innermost, outermost } = ours(id);
    if (innermost) inner.set(name(innermost), (inner.get(name(innermost)) ?? 0) + ms);
    if (outermost) outer.set(name(outermost), (outer.get(name(outermost)) ?? 0) + ms);
  }
  const total = [...byWho.values()].reduce((a, b) => a + b, 0);
  const rows = (entries) => [...entries].sort((a, b) => b[1] - a[1]).slice(0, top);
  const lines = rows(byWho).map(([k, v]) => `  ${k.padEnd(26)} ${v.toFixed(0).padStart(7)} ms  ${((v / total) * 100).toFixed(1)}%`);
  lines.push('  Strategy Align, by its innermost function on the stack (its own time and what it called):');
  for (const [k, v] of rows(inner)) lines.push(`    ${v.toFixed(0).padStart(6)} ms  ${k}`);
  lines.push('  Strategy Align, by its outermost function on the stack (the entry):');
  for (const [k, v] of rows(outer)) lines.push(`    ${v.toFixed(0).padStart(6)} ms  ${k}`);
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('bench-profile.mjs') && process.argv[2]) {
  console.log(profileSummary(JSON.parse(readFileSync(process.argv[2], 'utf8')), process.argv[3]));
}

/**
 * Whose work each stall was: `stalls` carry `mono` (µs, the monotonic clock V8's profile uses) and
 * `ms`; each gets `owner` (who ran most of the samples inside it, idle left out) and `ours` (the
 * outermost Strategy Align function of those samples, when it was ours).
 */
export function attributeStalls(profile, stalls, mapFile) {
  const name = namer(mapFile);
  const { byId, frames, ours } = stacks(profile);
  const times = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) times.push((t += delta));
  return stalls.map((stall) => {
    const from = stall.mono;
    const to = stall.mono + stall.ms * 1000;
    const owners = new Map();
    const entries = new Map();
    for (let i = 0; i < times.length; i++) {
      if (times[i] < from || times[i] > to) continue;
      const id = profile.samples[i];
      const entry = ours(id).outermost;
      let owner = who(byId.get(id).callFrame);
      if (entry) owner = 'Strategy Align';
      else if (owner === 'Node internals' || owner === 'native') {
        // Node's own code runs for someone: the first caller on the stack that is not Node.
        owner =
          frames(id)
            .map(who)
            .find((w) => w !== 'Node internals' && w !== 'native') ?? owner;
      }
      if (owner === '(idle)') continue;
      owners.set(owner, (owners.get(owner) ?? 0) + 1);
      if (entry) entries.set(name(entry), (entries.get(name(entry)) ?? 0) + 1);
    }
    const top = (m) => [...m].sort((a, b) => b[1] - a[1])[0]?.[0];
    const owner = top(owners) ?? 'unknown';
    return { ...stall, owner, ours: owner === 'Strategy Align' ? top(entries) : undefined };
  });
}
