// Review text composed from many sentiment-bearing parts rather than a few templates: subjects,
// aspects, graded adjectives, intensifiers, negations that flip polarity ("not bad at all" is
// positive, "not good" negative) and mixed opinions ("great acting but the plot dragged").
// The overall polarity follows the star rating, so a text model has something honest to learn.
import type { Rng } from './rng.js';

const SUBJECTS = [
  'This movie',
  'This series',
  'The show',
  'This film',
  'It',
  'This one',
  'The first season',
  'The whole thing',
  'This documentary',
  'The finale',
];
const ASPECTS = [
  'acting',
  'plot',
  'pacing',
  'soundtrack',
  'cinematography',
  'dialogue',
  'ending',
  'characters',
  'writing',
  'visuals',
  'humor',
  'script',
  'direction',
  'casting',
  'score',
  'story',
  'twists',
  'world-building',
  'performances',
  'atmosphere',
];
const STRONG_POSITIVE = ['brilliant', 'outstanding', 'superb', 'stunning', 'captivating', 'excellent', 'unforgettable', 'phenomenal'];
const POSITIVE = [
  'gripping',
  'clever',
  'moving',
  'charming',
  'well written',
  'heartfelt',
  'beautifully shot',
  'fun',
  'tense',
  'hilarious',
  'solid',
  'engaging',
];
const NEUTRAL = ['fine', 'okay', 'decent', 'average', 'passable', 'serviceable', 'uneven', 'watchable'];
const NEGATIVE = ['dull', 'predictable', 'clumsy', 'flat', 'forgettable', 'confusing', 'messy', 'weak', 'overlong', 'cheesy', 'wooden'];
const STRONG_NEGATIVE = ['awful', 'painfully slow', 'terrible', 'unwatchable', 'a complete mess', 'lazy', 'boring from start to finish'];
/** Adjectives that fit any aspect ("the soundtrack was ..."), unlike "hilarious" or "overlong". */
const ASPECT_POSITIVE = ['excellent', 'superb', 'clever', 'well done', 'engaging', 'solid', 'memorable', 'polished', 'great'];
const ASPECT_NEGATIVE = ['weak', 'flat', 'clumsy', 'forgettable', 'messy', 'lazy', 'uninspired', 'poor', 'sloppy'];
const INTENSIFIERS = ['', '', 'really ', 'absolutely ', 'truly ', 'genuinely ', 'surprisingly '];
const SOFTENERS = ['a bit ', 'a little ', 'somewhat ', 'slightly ', ''];
const DRAG = ['dragged', 'fell apart', 'lost its way', 'ran out of steam', 'felt rushed'];

const A = (rng: Rng, list: readonly string[]) => rng.pick(list);
const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
function twoAspects(rng: Rng): [string, string] {
  const a = A(rng, ASPECTS);
  let b = A(rng, ASPECTS);
  while (b === a) b = A(rng, ASPECTS);
  return [a, b];
}

type Composer = (rng: Rng) => string;

const POSITIVE_SENTENCES: Composer[] = [
  (r) => `${A(r, SUBJECTS)} is ${A(r, INTENSIFIERS)}${A(r, POSITIVE)}.`,
  (r) => `The ${A(r, ASPECTS)} was ${A(r, INTENSIFIERS)}${A(r, ASPECT_POSITIVE)}.`,
  (r) => `Loved the ${A(r, ASPECTS)}.`,
  (r) =>
    r.pick([
      'Not bad at all.',
      'Not boring for a second.',
      'Never dull.',
      'Not what I expected, in a good way.',
      'I was not disappointed.',
    ]),
  (r) => `Can't complain about the ${A(r, ASPECTS)}.`,
  (r) => r.pick(['Would watch again.', 'Recommended.', 'Worth the time.', 'Glad I gave it a chance.', 'Kept me hooked.']),
  (r) => {
    const [a, b] = twoAspects(r);
    return `Great ${a} but the ${b} ${A(r, DRAG)} ${A(r, ['a bit', 'near the end', 'in the middle', 'at times'])}.`;
  },
  (r) => {
    const [a, b] = twoAspects(r);
    return `The ${b} was ${A(r, SOFTENERS)}${A(r, ASPECT_NEGATIVE)}, but the ${a} made up for it.`;
  },
];
const STRONG_POSITIVE_SENTENCES: Composer[] = [
  (r) => `${A(r, SUBJECTS)} is ${A(r, INTENSIFIERS)}${A(r, STRONG_POSITIVE)}!`,
  (r) => `The ${A(r, ASPECTS)} and the ${A(r, ASPECTS)} are ${A(r, STRONG_POSITIVE)}.`,
  (r) =>
    r.pick([
      'A masterpiece.',
      'One of the best things I have seen this year.',
      'Highly recommend it.',
      'Worth every minute.',
      'Instant favorite.',
      'I could not stop watching.',
    ]),
  (r) => `${A(r, SUBJECTS)} is not just good, it is ${A(r, STRONG_POSITIVE)}.`,
];
const NEUTRAL_SENTENCES: Composer[] = [
  (r) => `${A(r, SUBJECTS)} was ${A(r, NEUTRAL)}.`,
  (r) =>
    r.pick([
      'It was okay. Nothing special.',
      'Not great, not terrible.',
      'Watchable once.',
      'Fine for background viewing.',
      'Mixed feelings.',
      'Some good moments, some dull ones.',
    ]),
  (r) => {
    const [a, b] = twoAspects(r);
    return `The ${a} was ${A(r, ASPECT_POSITIVE)} but the ${b} was ${A(r, ASPECT_NEGATIVE)}.`;
  },
  (r) => `Expected more from the ${A(r, ASPECTS)}.`,
  (r) => `The ${A(r, ASPECTS)} was ${A(r, NEUTRAL)}, nothing more.`,
];
const NEGATIVE_SENTENCES: Composer[] = [
  (r) => `${A(r, SUBJECTS)} was ${A(r, INTENSIFIERS)}${A(r, NEGATIVE)}.`,
  (r) => `The ${A(r, ASPECTS)} was ${A(r, ASPECT_NEGATIVE)}.`,
  (r) =>
    r.pick(['Not good.', 'Not worth the time.', 'Not my cup of tea.', 'Not as good as people say.', 'I wanted to like it but could not.']),
  (r) => `Hardly ${A(r, POSITIVE)}.`,
  (r) => {
    const [a, b] = twoAspects(r);
    return `Decent ${a} but the ${b} was ${A(r, ASPECT_NEGATIVE)}.`;
  },
  (r) =>
    `Not ${A(r, ['funny', 'scary', 'exciting', 'clever'])}, not ${A(r, ['moving', 'tense', 'original', 'interesting'])}, just ${A(r, NEGATIVE)}.`,
];
const STRONG_NEGATIVE_SENTENCES: Composer[] = [
  (r) => `${A(r, SUBJECTS)} was ${A(r, STRONG_NEGATIVE)}.`,
  (r) => `Gave up after ${r.between(10, 40)} minutes.`,
  (r) => r.pick(['Would not recommend.', 'A waste of an evening.', 'Avoid.', 'Not good at all.', 'Never again.']),
  (r) => `The ${A(r, ASPECTS)} was ${A(r, STRONG_NEGATIVE)} and the ${A(r, ASPECTS)} was no better.`,
];

const BY_RATING: readonly (readonly Composer[])[] = [
  [],
  [...STRONG_NEGATIVE_SENTENCES, ...NEGATIVE_SENTENCES],
  NEGATIVE_SENTENCES,
  NEUTRAL_SENTENCES,
  POSITIVE_SENTENCES,
  [...STRONG_POSITIVE_SENTENCES, ...POSITIVE_SENTENCES.slice(0, 6)],
];

/** One to three sentences whose polarity follows a 1..5 star rating. */
export function composeReview(rng: Rng, rating: number): string {
  const composers = BY_RATING[rating];
  const count = 1 + (rng.bool(0.55) ? 1 : 0) + (rng.bool(0.2) ? 1 : 0);
  const sentences: string[] = [];
  for (let k = 0; k < count; k++) {
    const s = cap(rng.pick(composers)(rng));
    if (!sentences.includes(s)) sentences.push(s);
  }
  return sentences.join(' ');
}

/**
 * Signal none (published style): a fixed set of 10 texts per sentiment, each text tied to one
 * sentiment, so about 30 distinct texts repeat across every review. A text model meets the same
 * memorisation trap as on the published files: a random row split puts nearly every test text in
 * training.
 */
export const FLAT_REVIEWS: Readonly<Record<'negative' | 'neutral' | 'positive', readonly string[]>> = {
  negative: [
    'Boring and too long.',
    'Did not enjoy it at all.',
    'The plot made no sense.',
    'Terrible acting.',
    'Waste of time.',
    'I stopped watching halfway.',
    'Very disappointing.',
    'The ending ruined it.',
    'Poorly written.',
    'Would not watch again.',
  ],
  neutral: [
    'It was okay.',
    'Average overall.',
    'Some parts were good, some not.',
    'Nothing special.',
    'Decent enough for one watch.',
    'Not bad, not great.',
    'The middle was slow.',
    'Fine for a rainy day.',
    'It had its moments.',
    'Mixed feelings about this one.',
  ],
  positive: [
    'Loved every minute.',
    'Great story and acting.',
    'Highly recommended.',
    'One of my favorites.',
    'Beautifully made.',
    'Could not stop watching.',
    'Amazing soundtrack.',
    'A must watch.',
    'Funny and smart.',
    'Better than I expected.',
  ],
};
