import type postgres from 'postgres';
import type { PendingQuery, Queryable } from './connect.js';

/** A node of PostgreSQL's EXPLAIN (FORMAT JSON) plan. */
export interface PlanNode { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] }

/** The plan PostgreSQL picks for a statement, without running it. */
export async function explain<T extends readonly postgres.MaybeRow[]>(sql: Queryable, query: PendingQuery<T>): Promise<PlanNode> {
  const [row] = await sql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>`explain (format json) ${query}`;
  return row!['QUERY PLAN'][0].Plan;
}

/** Every node of a plan, depth first. */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/** One round trip and nothing else: the floor under any read's latency. */
export async function roundTrip(sql: Queryable): Promise<void> {
  await sql`select 1`;
}
