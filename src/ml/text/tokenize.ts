// Tokenisation for short English texts (reviews, search queries). Negation matters for sentiment
// ("not good" is negative), so tokens after a negator up to the next clause break carry a `not_`
// prefix: a linear model then learns "not_good" as its own feature.

const NEGATORS = new Set(['not', 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'cannot', 'without', 'hardly', 'barely']);
const CLAUSE_BREAK = /[.,;:!?]|\bbut\b|\bhowever\b|\balthough\b|\bthough\b|\byet\b/;

/** Lower-case word tokens (letters, digits, inner apostrophes), with n't expanded to "not". */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/n't\b/g, ' not')
    .replace(/[^a-z0-9'\s.,;:!?-]/g, ' ')
    .split(/[\s-]+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 0);
}

/** Word tokens with negation scope marked: "not bad at all. loved it" -> not, not_bad, not_at, not_all, loved, it. */
export function wordsWithNegation(text: string): string[] {
  const out: string[] = [];
  let negated = false;
  for (const raw of text
    .toLowerCase()
    .replace(/n't\b/g, ' not')
    .split(/(\s+|[.,;:!?])/)) {
    const piece = raw.trim();
    if (piece === '') continue;
    if (CLAUSE_BREAK.test(piece)) {
      negated = false;
      if (/^[a-z]+$/.test(piece)) out.push(piece);
      continue;
    }
    for (const w of words(piece)) {
      if (/^[.,;:!?]+$/.test(w)) continue;
      const clean = w.replace(/[.,;:!?]/g, '');
      if (clean === '') continue;
      if (NEGATORS.has(clean)) {
        out.push(clean);
        negated = true;
        continue;
      }
      out.push(negated ? `not_${clean}` : clean);
    }
  }
  return out;
}

/** Character n-grams of each word padded with spaces, so misspellings share most grams with the original. */
export function charNgrams(text: string, min = 3, max = 5): string[] {
  const grams: string[] = [];
  for (const w of words(text)) {
    const padded = ` ${w} `;
    for (let n = min; n <= max; n++) {
      for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
    }
  }
  return grams;
}

/** Word n-grams (1..n) joined with a space. */
export function wordNgrams(tokens: readonly string[], n: number): string[] {
  const grams: string[] = [];
  for (let size = 1; size <= n; size++) {
    for (let i = 0; i + size <= tokens.length; i++) grams.push(tokens.slice(i, i + size).join(' '));
  }
  return grams;
}
