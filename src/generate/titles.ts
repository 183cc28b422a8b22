// Title names: a pool of distinct invented titles about 1.18x the catalogue size, drawn with
// replacement, so 1,000 titles show ~673 distinct names as published. A few pool names are
// holiday titles ("A Silver Christmas"), which the realistic signal makes peak in December.
import type { Faker } from '@faker-js/faker';
import { asciiOnly } from './format.js';
import type { Rng } from './rng.js';

/** Pool size per title: N(1 - e^(-1/r)) r distinct names ~ 0.673 N needs r ~ 1.18. */
export const TITLE_POOL_RATIO = 1.18;
export const HOLIDAY_NAME_RATE = 0.03;
const HOLIDAY_WORD = /\b(Christmas|Holiday|Holidays|Winter|Snow|Santa|Mistletoe)\b/;

const cap = (w: string) => (w ? w[0].toUpperCase() + w.slice(1) : w);

function inventName(faker: Faker, rng: Rng): string {
  const adj = cap(faker.word.adjective());
  const noun = cap(faker.word.noun());
  const noun2 = cap(faker.word.noun());
  switch (rng.int(9)) {
    case 0:
      return `The ${adj} ${noun}`;
    case 1:
      return `${noun} of ${cap(faker.location.city())}`;
    case 2:
      return `${faker.person.firstName()}'s ${noun}`;
    case 3:
      return `${adj} ${noun}s`;
    case 4:
      return `Beyond the ${noun}`;
    case 5:
      return `${noun}: ${adj} ${noun2}`;
    case 6:
      return `The Last ${noun}`;
    case 7:
      return `${noun} and ${noun2}`;
    default:
      return `${adj} ${noun}`;
  }
}

function inventHolidayName(faker: Faker, rng: Rng): string {
  const adj = cap(faker.word.adjective());
  const noun = cap(faker.word.noun());
  switch (rng.int(5)) {
    case 0:
      return `A ${adj} Christmas`;
    case 1:
      return `The Holiday ${noun}`;
    case 2:
      return `${faker.person.firstName()}'s Christmas ${noun}`;
    case 3:
      return `Winter ${noun}`;
    default:
      return `Santa and the ${adj} ${noun}`;
  }
}

export function makeTitlePool(faker: Faker, rng: Rng, catalogueSize: number): string[] {
  const size = Math.max(1, Math.round(catalogueSize * TITLE_POOL_RATIO));
  const seen = new Set<string>();
  const pool: string[] = [];
  for (let guard = 0; pool.length < size && guard < size * 50; guard++) {
    const name = asciiOnly(rng.bool(HOLIDAY_NAME_RATE) ? inventHolidayName(faker, rng) : inventName(faker, rng)).trim();
    if (name && !seen.has(name)) {
      seen.add(name);
      pool.push(name);
    }
  }
  return pool;
}

export function isHolidayTitle(name: string): boolean {
  return HOLIDAY_WORD.test(name);
}
