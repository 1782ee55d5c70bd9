import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Context } from './context.ts';
import { AppError } from './errors.ts';
import { publicProcedure, router } from './trpc.ts';

// A router of probes exercising the one error formatter, called over HTTP in-process.
const probes = router({
  appError: publicProcedure.query(() => {
    throw new AppError('CONFLICT', 'Changed by someone else', { fieldErrors: { name: ['was edited meanwhile'] } });
  }),
  throttled: publicProcedure.query(() => {
    throw new AppError('THROTTLED', 'Too many attempts', { retryAfterSeconds: 42 });
  }),
  stale: publicProcedure.query(() => {
    throw new AppError('CONFLICT', 'Changed by Alice since you loaded it', {
      conflict: {
        entityType: 'task',
        entityId: 't1',
        currentVersion: 3,
        changes: [
          {
            by: { id: 'u1', displayName: 'Alice' },
            at: '2026-11-22T14:03:00.000Z',
            action: 'task.updated',
            fields: { monthlyRequests: { old: 1_000_000, new: 2_000_000 } },
          },
        ],
      },
    });
  }),
  crash: publicProcedure.query(() => {
    throw new Error('relation "secret_table" does not exist at /srv/app/db.ts:12');
  }),
  validated: publicProcedure.input(z.object({ name: z.string().min(1).max(5) })).mutation(({ input }) => input.name),
});

const call = async (path: string, init: RequestInit = {}, exposeErrorDetails = false) => {
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request(`http://localhost/api/trpc/${path}`, init),
    router: probes,
    createContext: () => ({ requestId: 'test', exposeErrorDetails }) as unknown as Context,
  });
  return {
    status: response.status,
    body: (await response.json()) as { error: { message: string; data: Record<string, unknown> } },
  };
};

describe('error responses', () => {
  it('maps a service AppError to its HTTP status with field errors', async () => {
    const { status, body } = await call('appError');
    expect(status).toBe(409);
    expect(body.error.message).toBe('Changed by someone else');
    expect(body.error.data.fieldErrors).toEqual({ name: ['was edited meanwhile'] });
  });

  it('carries Retry-After seconds for throttling', async () => {
    const { status, body } = await call('throttled');
    expect(status).toBe(429);
    expect(body.error.data.retryAfterSeconds).toBe(42);
  });

  it('carries who changed what on a stale version', async () => {
    const { status, body } = await call('stale');
    expect(status).toBe(409);
    expect(body.error.data.conflict).toMatchObject({
      currentVersion: 3,
      changes: [{ by: { displayName: 'Alice' }, fields: { monthlyRequests: { old: 1_000_000, new: 2_000_000 } } }],
    });
  });

  it('names the field on bad input', async () => {
    const { status, body } = await call('validated', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'far too long' }),
    });
    expect(status).toBe(400);
    expect(body.error.data.fieldErrors).toHaveProperty('name');
  });

  it('hides an unexpected error’s message and stack in production', async () => {
    const { status, body } = await call('crash');
    expect(status).toBe(500);
    expect(body.error.message).toBe('Internal server error');
    expect(JSON.stringify(body)).not.toMatch(/secret_table|\/srv\/app|stack/);
  });

  it('shows them on the dev server', async () => {
    const { body } = await call('crash', {}, true);
    expect(body.error.message).toContain('secret_table');
    expect(body.error.data.stack).toEqual(expect.any(String));
  });
});
