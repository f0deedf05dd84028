// One notification at a time, always with a way to stop it: a prompt that arrives while another is
// open is dropped (it is asked again at the next occasion), never queued into a pile. Answers to a
// command (a refusal, an error, a result) are told at once. Every message is shown as plain text:
// notifications turn `[label](target)` into a link, and messages carry repository text.
import * as vscode from 'vscode';

export type NoticeKind = 'info' | 'warning' | 'error';

/** Breaks the `[label](target)` link form of notification text, keeping every character. */
export function plainMessage(text: string): string {
  return text.replace(/\]\(/g, '] (');
}

function show(kind: NoticeKind) {
  return kind === 'error'
    ? vscode.window.showErrorMessage
    : kind === 'warning'
      ? vscode.window.showWarningMessage
      : vscode.window.showInformationMessage;
}

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
    this.shown.push(plainMessage(message));
    try {
      return (await show(kind)(plainMessage(message), ...actions)) as T | undefined;
    } finally {
      this.open = false;
    }
  }

  /** The answer to something the user just did: shown now, not awaited. */
  tell(kind: NoticeKind, message: string): void {
    this.shown.push(plainMessage(message));
    void show(kind)(plainMessage(message));
  }
}
