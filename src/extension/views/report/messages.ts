// What the report panel's webview may ask, checked before anything runs: the webview is
// untrusted (it shows repository strings), so only known commands with known values pass.

/** What the panel's script reports it shows once rendered (kept for the tests; never acted on). */
export interface ShownReport {
  title: string;
  summary: string;
  range: string | null;
  /** The repository picker's value (a multi-root workspace), and each row of the per-repository table. */
  repository: string | null;
  repositories: string[][];
  measure: string | null;
  options: { range: string[]; measure: string[]; repository: string[] };
  /** The "Compare with previous period" checkbox (null: not offered), and the comparison section. */
  compare: boolean | null;
  comparison: { title: string; rows: string[][]; summary: string[] } | null;
  cards: { id: string; value: string; label: string }[];
  shareRows: { label: string; value: string }[];
  goalRows: string[][];
  callouts: string[];
  weeks: number;
  branches: string[];
  actions: { action: string; branch: string | null; label: string }[];
  focused: string | null;
  /** Elements and handlers inside the report's <main>, where every repository string goes. */
  dom: { scripts: number; images: number; links: number; handlers: number };
  /** Every script of the page by src ('inline' for VS Code's own bootstrap, if any). */
  scripts: string[];
  message: string;
}

export type PanelMessage =
  | { type: 'rendered'; shown: ShownReport }
  | { type: 'setRange'; range: string }
  | { type: 'setRepository'; repository: string }
  | { type: 'setMeasure'; measure: string }
  | { type: 'setCompare'; compare: boolean }
  | { type: 'tag' | 'open'; branch: string }
  | { type: 'refresh' | 'copy' | 'save' };

/** What is allowed right now: the offered ranges and measures, the untagged branches shown. */
export interface Allowed {
  ranges: readonly string[];
  /** The repository picker's choices (none with one repository). */
  repositories: readonly string[];
  measures: readonly string[];
  branches: readonly string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const oneOf = (value: unknown, allowed: readonly string[]): value is string => typeof value === 'string' && allowed.includes(value);

/** The message if it is one the panel accepts, else undefined. */
export function parsePanelMessage(raw: unknown, allowed: Allowed): PanelMessage | undefined {
  if (!isObject(raw)) return undefined;
  switch (raw.type) {
    case 'rendered':
      return isObject(raw.shown) ? { type: 'rendered', shown: raw.shown as unknown as ShownReport } : undefined;
    case 'setRange':
      return oneOf(raw.range, allowed.ranges) ? { type: 'setRange', range: raw.range } : undefined;
    case 'setRepository':
      return oneOf(raw.repository, allowed.repositories) ? { type: 'setRepository', repository: raw.repository } : undefined;
    case 'setMeasure':
      return oneOf(raw.measure, allowed.measures) ? { type: 'setMeasure', measure: raw.measure } : undefined;
    case 'setCompare':
      return typeof raw.compare === 'boolean' ? { type: 'setCompare', compare: raw.compare } : undefined;
    case 'tag':
    case 'open':
      return oneOf(raw.branch, allowed.branches) ? { type: raw.type, branch: raw.branch } : undefined;
    case 'refresh':
    case 'copy':
    case 'save':
      return { type: raw.type };
    default:
      return undefined;
  }
}
