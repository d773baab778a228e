import type { QueryBuilder } from '@mikro-orm/postgresql';
import { badInput } from './errors.js';
import { isUuid } from './ids.js';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

export interface PageRequest {
  first: number;
  after?: string | null | undefined;
}

export interface Page<T> {
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: number;
}

/** One way to order a list: the API name, the SQL column and how a row yields its value. */
export interface SortKey<T> {
  name: string;
  /** Entity property (for ORDER BY through the ORM) and its SQL column (for the keyset). */
  property: string;
  column: string;
  cast: 'text' | 'int' | 'timestamptz';
  valueOf: (row: T) => string | number | Date;
}

type CursorValue = string | number;

function encodeCursor(sort: string, value: CursorValue, id: string): string {
  return Buffer.from(JSON.stringify([sort, value, id])).toString('base64url');
}

function decodeCursor(cursor: string, sort: SortKey<unknown>): { value: CursorValue; id: string } {
  const invalid = () =>
    badInput(
      `The "after" cursor is not valid for ordering by ${sort.name}; pass an endCursor from a page of the same list and ordering.`,
      {
        field: 'after',
      },
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== sort.name) throw invalid();
  const [, value, id] = parsed as [unknown, unknown, unknown];
  // int is PostgreSQL's 32-bit integer: a larger number would fail in SQL, not here.
  const valueOk =
    sort.cast === 'int'
      ? Number.isInteger(value) && Math.abs(value as number) <= 2_147_483_647
      : typeof value === 'string' && !value.includes('\u0000');
  if (!valueOk || typeof id !== 'string' || !isUuid(id)) throw invalid();
  // Only what encodeCursor writes: PostgreSQL rejects much of what Date.parse accepts (e.g. "1").
  if (sort.cast === 'timestamptz' && !isIsoTimestamp(value as string)) throw invalid();
  return { value: value as CursorValue, id };
}

function isIsoTimestamp(value: string): boolean {
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

function cursorValue(value: string | number | Date): CursorValue {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * Keyset pagination over (sort column, id): a page costs one index walk wherever it starts,
 * and rows inserted meanwhile never shift a page. `qb` carries the filters; the total is
 * counted with the same filters in a second statement.
 */
export async function keysetPage<T extends { id: string }>(
  qb: QueryBuilder<T>,
  alias: string,
  sort: SortKey<T>,
  direction: OrderDirection,
  page: PageRequest,
): Promise<Page<T>> {
  const countQb = qb.clone();
  const op = direction === OrderDirection.ASC ? '>' : '<';
  if (page.after) {
    const { value, id } = decodeCursor(page.after, sort as SortKey<unknown>);
    qb.andWhere(`(${alias}.${sort.column}, ${alias}.id) ${op} (?::${sort.cast}, ?::uuid)`, [value, id]);
  }
  const dir = direction === OrderDirection.ASC ? 'asc' : 'desc';
  qb.orderBy([{ [sort.property]: dir }, { id: dir }] as never).limit(page.first + 1);
  const rows = await qb.getResult();
  const totalCount = await countQb.getCount();
  const nodes = rows.slice(0, page.first);
  return {
    nodes,
    cursors: nodes.map((row) => encodeCursor(sort.name, cursorValue(sort.valueOf(row)), row.id)),
    hasNextPage: rows.length > page.first,
    hasPreviousPage: Boolean(page.after),
    totalCount,
  };
}
