import { describe, expect, it } from 'vitest';
import { ENUM_MIRRORS } from '../../src/domain/lists.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();

describe('closed lists', () => {
  it('are the same in the database enums and in src/domain/lists.ts', async () => {
    for (const [type, list] of Object.entries(ENUM_MIRRORS)) {
      const rows = await db.sql<{ label: string }[]>`
        select e.enumlabel as label from pg_enum e join pg_type t on t.oid = e.enumtypid
         where t.typname = ${type} order by e.enumsortorder`;
      expect(rows.map((r) => r.label), type).toEqual([...list]);
    }
  });
});
