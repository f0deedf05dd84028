// One notification at a time, always with a way to stop it: a prompt that arrives while another is
// open is dropped (it is asked again at the next occasion), never queued into a pile.
import * as vscode from 'vscode';

export class Notifier {
  private open = false;
  /** Every message shown, in order (read by the integration tests; toasts are not in the DOM there). */
  readonly shown: string[] = [];

  get busy(): boolean {
    return this.open;
  }

  async ask<T extends string>(kind: 'info' | 'warning', message: string, ...actions: T[]): Promise<T | undefined> {
    if (this.open) return undefined;
    this.open = true;
    this.shown.push(message);
    try {
      const show = kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      return (await show(message, ...actions)) as T | undefined;
    } finally {
      this.open = false;
    }
  }
}
