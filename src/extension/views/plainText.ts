// Repository text (branch names, subjects, author names, goal titles) shown by VS Code as text:
// control characters and bidi overrides replaced (as in the terminal), and, where VS Code renders
// `$(icon)` (status bar, QuickPick), that syntax escaped so a title cannot draw icons.
import { printable } from '../../core/render/format';

/** For tree labels, descriptions and tooltips' appendText: no controls, no bidi reordering. */
export function plainText(text: string): string {
  return printable(text);
}

/** For labels that render `$(name)` as an icon: the text as typed, `$(` shown literally. */
export function plainIconLabel(text: string): string {
  return printable(text).replace(/\$\(/g, '\\$(');
}
