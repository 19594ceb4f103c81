import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { isoFromUtcText } from './database.js';

describe('reading PostgreSQL timestamps written in UTC', () => {
  const slow = (v: string) => (pg.types.getTypeParser(1184)(v) as Date).toISOString();

  it('gives the same ISO text as parsing a Date would, without making one', () => {
    for (const v of [
      '2026-03-31 09:00:00+00',
      '2026-03-31 09:00:00.5+00',
      '2026-12-01 23:59:59.999+00',
      '1999-01-01 00:00:00.123456+00',
      '2024-02-29 12:00:00.07+00',
    ]) {
      expect(isoFromUtcText(v)).toBe(slow(v));
    }
  });

  it('leaves what it does not recognise to the full parser', () => {
    for (const v of ['infinity', '-infinity', '2026-03-31 10:00:00+01', '0044-03-15 12:00:00+00 BC']) expect(isoFromUtcText(v)).toBeUndefined();
  });
});
