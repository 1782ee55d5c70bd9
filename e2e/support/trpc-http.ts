// Plain-HTTP calls to the built server's tRPC endpoint, as any client without a tRPC library
// would make them: POST with a JSON body for mutations, GET with ?input= for queries.
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { createDb, type Db } from '@rightsize/db';

export interface TrpcError {
  error: { message: string; data: { code: string; httpStatus: number; fieldErrors?: Record<string, string[]> } };
}

export const originOf = (baseURL: string | undefined) => {
  if (!baseURL) throw new Error('no baseURL');
  return new URL(baseURL).origin;
};

export const mutate = (
  request: APIRequestContext,
  path: string,
  input: unknown,
  headers: Record<string, string>,
): Promise<APIResponse> => request.post(`/api/trpc/${path}`, { data: input === undefined ? '' : input, headers });

export const query = (request: APIRequestContext, path: string, input?: unknown): Promise<APIResponse> =>
  request.get(`/api/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`);

/** A unique address per call, so tests running in parallel never share an account. */
export const freshEmail = (label: string) =>
  `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@e2e.test`;

export const PASSWORD = 'e2e-orchard-lantern-58';

let db: Db | undefined;
/** The server's own database, to check what it stored. */
export const database = (): Db => {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('E2E_DATABASE_URL is unset: run the specs through playwright.config.ts');
  return (db ??= createDb(url, { maxConnections: 2 }));
};
