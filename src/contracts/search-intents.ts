// The search intents: what a search is for. One vocabulary for the generator that plants them
// (src/generate/search-queries.ts), the ML step that classifies them (src/ml/text/intent-rules.ts)
// and the gold model that reports them (models/gold/search_intent_mix.meta.ts). The generator
// writes an intent's index into ground_truth.json, so the order is part of the contract.
export const SEARCH_INTENTS = ['title_lookup', 'genre_browse', 'mood_occasion', 'person', 'navigational'] as const;
export type SearchIntent = (typeof SEARCH_INTENTS)[number];
