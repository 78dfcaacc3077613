/**
 * CSV for spreadsheets. A cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage return,
 * which some spreadsheets skip before reading a formula) is prefixed with `'`, so a prisoner's name
 * or a note typed as `=HYPERLINK(…)` is shown as text and never run as a formula (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** RFC 4180 with every cell quoted, CRLF line ends, and a byte-order mark so Excel reads macrons as UTF-8. */
export function toCsv(header: string[], rows: string[][]): string {
  const lines = [header, ...rows].map((r) => r.map((c) => quote(neutraliseCell(c))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
