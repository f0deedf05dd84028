// The workspace's strategy.yaml, loaded by the core: the last valid strategy, the file's
// diagnostics in the Problems view, reloads on file changes and on demand.
import * as vscode from 'vscode';
import { type Diagnostic, type Goal, loadStrategyFile, parseStrategy, STRATEGY_FILE, type Strategy } from '../core/strategy';
import { Disposable } from './disposable';

export type StrategyState = 'missing' | 'valid' | 'broken';

const LINT_DELAY_MS = 250;

export class StrategyStore extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('strategy-align'));
  private valid: Strategy | undefined;
  private current: StrategyState = 'missing';
  private generation = 0;

  /** `kept`: the last valid strategy of a store this one replaces (the repository was reopened). */
  constructor(
    readonly file: vscode.Uri,
    kept?: Strategy,
  ) {
    super();
    this.valid = kept;
    const folder = vscode.Uri.joinPath(file, '..');
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, STRATEGY_FILE)));
    const reload = () => void this.reload();
    this.register(watcher.onDidCreate(reload));
    this.register(watcher.onDidChange(reload));
    this.register(watcher.onDidDelete(reload));
    // Problems follow the editor buffer as you type; the views follow the saved file.
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => e.document.uri.toString() === file.toString() && this.scheduleLint(e.document)),
    );
    this.register({ dispose: () => this.lintTimer && clearTimeout(this.lintTimer) });
  }

  private lintTimer: NodeJS.Timeout | undefined;

  private scheduleLint(document: vscode.TextDocument): void {
    if (this.lintTimer) clearTimeout(this.lintTimer);
    this.lintTimer = setTimeout(() => {
      // A clean buffer is the file on disk, which reload() reports; linting it here could report
      // a version VS Code has not synced yet.
      if (this.isDisposed || document.isClosed) return;
      if (document.isDirty) this.diagnostics.set(this.file, parseStrategy(document.getText()).diagnostics.map(toVscode));
      else void this.reload(); // e.g. undone back to the saved text
    }, LINT_DELAY_MS);
  }

  /** The open, unsaved editor of this file, if any (its diagnostics win over the saved file's). */
  private dirtyDocument(): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.isDirty && d.uri.toString() === this.file.toString());
  }

  /** The ranked goals of the last valid strategy.yaml (kept while the file is broken). */
  get goals(): readonly Goal[] {
    return this.valid?.goals ?? [];
  }

  /** The last valid strategy (kept while the file is broken). */
  get strategy(): Strategy | undefined {
    return this.current === 'missing' ? undefined : this.valid;
  }

  get state(): StrategyState {
    return this.current;
  }

  private latest: Promise<void> = Promise.resolve();

  /**
   * Reads the file again; the newest read wins. The promise settles once the newest reload has
   * landed, also when this one was overtaken (say by the file watcher's), so a caller that awaits
   * it sees the file as it is now, never a state an older read is about to replace.
   */
  reload(): Promise<void> {
    const generation = ++this.generation;
    this.latest = loadStrategyFile(this.file.fsPath).then((result) => {
      if (generation === this.generation && !this.isDisposed) this.apply(result);
    });
    return this.settled();
  }

  private async settled(): Promise<void> {
    for (let seen: Promise<void> | undefined; seen !== this.latest;) {
      seen = this.latest;
      await seen;
    }
  }

  private apply(result: Awaited<ReturnType<typeof loadStrategyFile>>): void {
    const dirty = this.dirtyDocument();
    this.diagnostics.set(this.file, (dirty ? parseStrategy(dirty.getText()).diagnostics : result.diagnostics).map(toVscode));
    if (!result.found) {
      this.valid = undefined;
      this.current = 'missing';
    } else if (result.strategy) {
      this.valid = result.strategy;
      this.current = 'valid';
    } else {
      this.current = 'broken';
    }
    this.changed.fire();
  }
}

function toVscode(d: Diagnostic): vscode.Diagnostic {
  const start = new vscode.Position(d.line - 1, d.column - 1);
  const end = d.endLine !== undefined ? new vscode.Position(d.endLine - 1, (d.endColumn ?? d.column) - 1) : start;
  const severity = d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end), d.message, severity);
  diagnostic.source = 'strategy-align';
  return diagnostic;
}
