// Escaping for HTML and SVG text and attributes: repository strings are untrusted input.

export function escapeHtml(text: string): string {
  return text
    .replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, '');
}
