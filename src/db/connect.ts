import postgres from 'postgres';

export type Sql = postgres.Sql;

/** Opens a pool. Notices are dropped: they are not errors and would be logged per query. */
export function connect(url: string, options: { max?: number } = {}): Sql {
  return postgres(url, {
    max: options.max ?? 8,
    onnotice: () => {},
    connection: { application_name: 'maguey' },
  });
}
