// Weak labels for search intent. The source has no intent labels, so rules written from domain
// knowledge label the queries they are sure of; a classifier trained on those labels then
// generalises to the rest (misspelt, partial, unseen). Rules never see the generator's truth.
import { GENRES } from '../../contracts/index.js';
import { SEARCH_INTENTS, type SearchIntent } from '../../contracts/search-intents.js';
import { words } from './tokenize.js';

/** The classifier's classes: the search intents of the contract, in its order. */
export const INTENTS = SEARCH_INTENTS;
export type Intent = SearchIntent;

const NAVIGATION_PHRASES = [
  'new releases',
  'originals',
  'continue watching',
  'my list',
  'trending',
  'top 10',
  'top ten',
  'coming soon',
  'recently added',
  'popular on',
  'award winners',
  'watch list',
  'watchlist',
  'downloads',
  'account',
  'settings',
];
const MOOD_WORDS = [
  'funny',
  'feel good',
  'feel-good',
  'date night',
  'family movie night',
  'relaxing',
  'cry',
  'mind bending',
  'background',
  'binge',
  'rainy day',
  'road trip',
  'light',
  'edge of your seat',
  'comfort',
  'with friends',
  'cozy',
  'inspiring',
  'easy watching',
  'halloween',
  'christmas',
  'holiday',
  'valentine',
  'spooky',
  'romantic movies for',
  'scary movies for',
  'winter',
  'short episodes',
  'kids movies',
  'something',
];
const PERSON_CUES = ['movies with', 'directed by', 'starring', 'films with', 'series with', 'actor', 'actress', 'director'];
const GENRE_WORDS = [
  ...GENRES.map((g) => g.toLowerCase()),
  'sci fi',
  'scifi',
  'romcom',
  'anime',
  'documentaries',
  'documentary',
  'thrillers',
  'comedies',
  'dramas',
  'horror',
  'kdrama',
  'k-drama',
  'true crime',
  'superhero',
  'musicals',
  'stand up',
  'standup',
  'stand-up',
];

export interface RuleContext {
  /** Lower-cased catalogue titles (from gold), for title lookups. */
  titles: ReadonlySet<string>;
  /** Lower-cased first words of catalogue titles with their frequency, to spot partial lookups. */
  titlePrefixes?: ReadonlySet<string>;
  /** Known people names, lower case (e.g. frequent two-word capitalised queries); optional. */
  people?: ReadonlySet<string>;
}

function containsPhrase(query: string, phrases: readonly string[]): boolean {
  return phrases.some((p) => ` ${query} `.includes(` ${p} `) || query === p);
}

/** The weak label of a query, or null when no rule is confident. Order matters: most specific first. */
export function weakIntent(rawQuery: string, ctx: RuleContext): Intent | null {
  const query = words(rawQuery).join(' ');
  if (query === '') return null;
  if (containsPhrase(query, NAVIGATION_PHRASES)) return 'navigational';
  if (containsPhrase(query, PERSON_CUES)) return 'person';
  if (ctx.people && [...ctx.people].some((p) => query.includes(p))) return 'person';
  if (ctx.titles.has(query)) return 'title_lookup';
  if (containsPhrase(query, MOOD_WORDS)) return 'mood_occasion';
  if (containsPhrase(query, GENRE_WORDS)) return 'genre_browse';
  if (ctx.titlePrefixes?.has(query)) return 'title_lookup';
  return null;
}
