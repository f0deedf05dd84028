// A small base for objects that own other disposables: register as you create, dispose once,
// in reverse order. (The idea of VS Code's and the GitHub Pull Requests extension's Disposable.)
import type * as vscode from 'vscode';

export abstract class Disposable implements vscode.Disposable {
  private disposables: vscode.Disposable[] = [];
  private disposed = false;

  protected register<T extends vscode.Disposable>(value: T): T {
    if (this.disposed) value.dispose();
    else this.disposables.push(value);
    return value;
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const item of this.disposables.reverse()) {
      try {
        item.dispose();
      } catch (error) {
        console.error('[strategy-align] dispose failed', error);
      }
    }
    this.disposables = [];
  }
}
