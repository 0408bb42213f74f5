/**
 * Text made safe inside HTML or XML, in element content and in double-quoted attributes: the
 * public page and the spreadsheet's XML both write text through this.
 */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
