// Escaping for the two places data meets HTML: text inside markup, and JSON embedded in a
// <script type="application/json"> block. Every data value passes through one of these (or through
// textContent in the client), so a title such as `<script>alert(1)</script>` stays text.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape a value for HTML element content and quoted attribute values (null/undefined -> ''). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * JSON that is safe inside a <script> element: `<` becomes \u003c so no `</script>` or `<!--` can
 * end or confuse the block, and U+2028/U+2029 are escaped for old parsers. JSON.parse reads it back
 * unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Script source (ECharts, our client bundle) inlined in a <script> element: a literal `</script`
 * inside a string in the source would end the element early, so break it up (`<\/script` means the
 * same inside JS strings and regular expressions). `<!--` has no safe rewrite in every JS context,
 * so it is refused rather than guessed at.
 */
export function scriptForInline(source: string): string {
  if (source.includes('<!--')) throw new Error('Cannot inline a script containing "<!--"');
  return source.replace(/<\/(script)/gi, '<\\/$1');
}
