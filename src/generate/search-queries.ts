// Search query text. Realistic: five intents with their own phrasing; a query flagged had_typo
// really is misspelled (adjacent letters swapped, a letter dropped or doubled). None: a fixed list
// of ~30 lower-case queries and had_typo as a bare flag, as in the published files.
import { GENRES } from '../contracts/index.js';
import { SEARCH_INTENTS, type SearchIntent } from '../contracts/search-intents.js';
import type { Rng } from './rng.js';

export { SEARCH_INTENTS, type SearchIntent };
export const INTENT_WEIGHTS = [0.35, 0.25, 0.15, 0.1, 0.15] as const;

/** The flat query list of signal none (published style). */
export const FLAT_QUERIES = [
  'stand up comedy',
  'sci-fi',
  'korean drama',
  'movies like stranger things',
  'new releases',
  'netflix originals',
  'action movies',
  'comedy',
  'horror',
  'romantic comedy',
  'documentaries',
  'thriller',
  'anime',
  'true crime',
  'crime series',
  'family movies',
  'kids shows',
  'best of 2024',
  'award winning',
  'space',
  'superhero',
  'british series',
  'mystery',
  'fantasy',
  'war movies',
  'musicals',
  'sports documentaries',
  'spanish series',
  'feel good',
  'top rated',
] as const;

const GENRE_TEMPLATES = ['{g}', '{g} movies', '{g} series', 'best {g}', 'new {g}', '{l} {g}', '{g} shows', 'top {g} movies', 'classic {g}'];
const GENRE_LANGS = ['korean', 'spanish', 'french', 'japanese', 'british', 'indian', 'german', 'italian'];
const MOODS = [
  'something funny',
  'feel good movies',
  'movies for date night',
  'family movie night',
  'relaxing shows',
  'short episodes',
  'movies to cry to',
  'mind bending thrillers',
  'background tv',
  'weekend binge',
  'rainy day movies',
  'kids movies',
  'road trip movies',
  'something light',
  'edge of your seat',
  'comfort shows',
  'movies to watch with friends',
  'cozy mystery',
  'inspiring true stories',
  'easy watching',
];
const SEASONAL_MOODS: Readonly<Record<number, readonly string[]>> = {
  9: ['halloween movies', 'scary movies for halloween', 'spooky shows'],
  11: ['christmas movies', 'holiday movies for kids', 'cozy winter movies'],
  1: ['valentines movies', 'romantic movies for two'],
};
const PERSON_TEMPLATES = ['{p}', 'movies with {p}', '{p} movies', '{p} series', 'directed by {p}'];
const NAVIGATIONAL = [
  'new releases',
  'netflix originals',
  'continue watching',
  'my list',
  'trending now',
  'top 10',
  'coming soon',
  'recently added',
  'popular on netflix',
  'award winners',
];

/** Query for an intent. `titleName` (title_lookup) and `genre` come from the caller's samplers. */
export function composeQuery(
  rng: Rng,
  intent: number,
  ctx: { titleName: string; genre: number; month0: number; people: readonly string[] },
): string {
  switch (SEARCH_INTENTS[intent]) {
    case 'title_lookup': {
      const words = ctx.titleName
        .toLowerCase()
        .replace(/[^a-z0-9 ]/g, '')
        .split(' ')
        .filter(Boolean);
      const keep = rng.bool(0.6) ? words.length : Math.max(1, Math.min(words.length, rng.between(1, 2)));
      return words.slice(0, keep).join(' ') || 'movie';
    }
    case 'genre_browse': {
      const g = GENRES[ctx.genre].toLowerCase();
      return rng.pick(GENRE_TEMPLATES).replace('{g}', g).replace('{l}', rng.pick(GENRE_LANGS));
    }
    case 'mood_occasion': {
      const seasonal = SEASONAL_MOODS[ctx.month0];
      return seasonal && rng.bool(0.5) ? rng.pick(seasonal) : rng.pick(MOODS);
    }
    case 'person':
      return rng.pick(PERSON_TEMPLATES).replace('{p}', rng.pick(ctx.people));
    default:
      return rng.pick(NAVIGATIONAL);
  }
}

/** Misspell a query with 1-2 edits on letters: swap neighbours, drop one, or double one. */
export function misspell(rng: Rng, query: string): string {
  const edits = rng.bool(0.8) ? 1 : 2;
  let out = query;
  for (let e = 0; e < edits; e++) {
    const letters: number[] = [];
    for (let i = 0; i < out.length; i++) if (out[i] >= 'a' && out[i] <= 'z') letters.push(i);
    if (letters.length < 2) return `${out}${out.slice(-1)}`;
    const kind = rng.int(3);
    const at = letters[rng.int(letters.length)];
    if (kind === 0) {
      const next = out[at + 1];
      if (next && next !== out[at] && next >= 'a' && next <= 'z') out = out.slice(0, at) + next + out[at] + out.slice(at + 2);
      else out = out.slice(0, at) + out.slice(at + 1);
    } else if (kind === 1) {
      out = out.slice(0, at) + out.slice(at + 1);
    } else {
      out = out.slice(0, at + 1) + out[at] + out.slice(at + 1);
    }
  }
  out = out.replace(/ +/g, ' ').trim();
  return out === query || out === '' ? `${query}${query.slice(-1)}` : out;
}
