import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { es } from '../../web/src/i18n/es.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the two catalogues (web/src/i18n)', () => {
  it('have the same keys: a string missing in one language fails here', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  it('fill the same placeholders in both languages, and leave no string empty', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(es[key]), key).toEqual(placeholders(en[key]));
      expect(en[key].trim(), key).not.toBe('');
      expect(es[key].trim(), key).not.toBe('');
    }
  });
});
