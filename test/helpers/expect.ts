import { expect } from 'vitest';
import type { GraphQLResponse } from './server.js';

export type GqlError = NonNullable<GraphQLResponse['errors']>[number];

/** The response failed as a whole with exactly one error of `code`; returns that error. */
export function expectError(res: GraphQLResponse, code: string): GqlError {
  const shown = JSON.stringify(res).slice(0, 2000);
  expect(res.data ?? null, shown).toBeNull();
  expect(res.errors, shown).toHaveLength(1);
  expect(res.errors![0]!.extensions?.code, shown).toBe(code);
  return res.errors![0]!;
}

/** The response succeeded; returns its data. */
export function expectOk<T = any>(res: GraphQLResponse<T>): T {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as T;
}
