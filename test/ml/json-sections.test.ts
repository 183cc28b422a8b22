// The partial JSON reader against JSON.parse: the kept members equal JSON.parse's, whatever the
// other members hold (strings with braces, quotes and escapes, nesting, numbers, literals).
import { describe, expect, it } from 'vitest';
import { parseJsonSections } from '../../src/ml/json_sections.js';
import { createRng } from '../../src/ml/core/rng.js';

function randomValue(rng: ReturnType<typeof createRng>, depth: number): unknown {
  const pick = rng.int(depth > 3 ? 4 : 7);
  const strings = ['plain', 'with "quotes"', 'brace } and [bracket', 'back\\slash\\', 'uni \u00e9 \u2028', '', ',:{}[]"\\\n\t'];
  switch (pick) {
    case 0:
      return rng.normal() * 1e6;
    case 1:
      return strings[rng.int(strings.length)];
    case 2:
      return [true, false, null][rng.int(3)];
    case 3:
      return -rng.int(1000);
    case 4:
      return Array.from({ length: rng.int(5) }, () => randomValue(rng, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: rng.int(5) }, (_, k) => [`${strings[rng.int(strings.length)]}${k}`, randomValue(rng, depth + 1)]),
      );
  }
}

describe('parseJsonSections', () => {
  it('keeps exactly the wanted members, equal to JSON.parse, on random documents and spacings', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 300; trial++) {
      const doc = Object.fromEntries(Array.from({ length: 1 + rng.int(6) }, (_, k) => [`k${k}${k % 2 ? '"}' : ''}`, randomValue(rng, 0)]));
      const text = JSON.stringify(doc, null, trial % 3 === 0 ? 2 : trial % 3 === 1 ? undefined : '\t');
      const keys = Object.keys(doc).filter(() => rng.next() < 0.5);
      const full = JSON.parse(text) as Record<string, unknown>;
      expect(parseJsonSections(text, [...keys, 'absent'], 'doc')).toEqual(Object.fromEntries(keys.map((k) => [k, full[k]])));
    }
  });

  it('handles an empty object and names the offset of broken input', () => {
    expect(parseJsonSections(' { } ', ['a'], 'f.json')).toEqual({});
    expect(() => parseJsonSections('[1]', ['a'], 'f.json')).toThrow(/f.json: expected a JSON object at offset 0/);
    expect(() => parseJsonSections('{"a": [1, 2}', ['a'], 'f.json')).toThrow(/f.json: expected '\]' at offset 11, got '\}'/);
    expect(() => parseJsonSections('{"a": [1, [2]', ['a'], 'f.json')).toThrow(/f.json: unterminated array starting at offset 6/);
    expect(() => parseJsonSections('{"a": "x}', ['b'], 'f.json')).toThrow(/unterminated string/);
    expect(() => parseJsonSections('{"a" 1}', ['a'], 'f.json')).toThrow(/expected ':' after member "a" at offset 5/);
    expect(() => parseJsonSections('{"a": 1} x', ['a'], 'f.json')).toThrow(/unexpected text/);
    expect(() => parseJsonSections('{"a": tru}', ['a'], 'f.json')).toThrow(SyntaxError);
  });
});
