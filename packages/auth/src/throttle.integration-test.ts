import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeAttempt, pruneThrottle, refundAttempt, resetAttempts, type ThrottleRule } from './throttle.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const rule: ThrottleRule = { scope: 'test', limit: 3, windowMs: 60_000 };
const start = new Date('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(start.getTime() + ms);

describe('throttle counters in PostgreSQL', () => {
  it('allows `limit` attempts in a window, refuses the next with the time left', async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await consumeAttempt(t.db, rule, 'a', at(i * 1000)));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]).toMatchObject({ allowed: false, retryAfterMs: 60_000 - 3000 });
  });

  it('starts a new window once the old one ends', async () => {
    for (let i = 0; i < 4; i++) await consumeAttempt(t.db, rule, 'b', start);
    expect((await consumeAttempt(t.db, rule, 'b', at(59_999))).allowed).toBe(false);
    expect(await consumeAttempt(t.db, rule, 'b', at(60_000))).toEqual({ allowed: true, attempts: 1 });
  });

  it('lets exactly `limit` of many concurrent attempts through', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => consumeAttempt(t.db, rule, 'c', start)));
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
    expect(results.map((r) => r.attempts).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('refunds one attempt and resets a key', async () => {
    for (let i = 0; i < 3; i++) await consumeAttempt(t.db, rule, 'd', start);
    await refundAttempt(t.db, rule, 'd', start);
    expect((await consumeAttempt(t.db, rule, 'd', start)).allowed).toBe(true);
    expect((await consumeAttempt(t.db, rule, 'd', start)).allowed).toBe(false);
    await resetAttempts(t.db, rule, 'd');
    expect(await consumeAttempt(t.db, rule, 'd', start)).toEqual({ allowed: true, attempts: 1 });
  });

  it('keeps scopes and subjects apart, and stores neither in clear', async () => {
    await consumeAttempt(t.db, rule, 'someone@example.test', start);
    await consumeAttempt(t.db, { ...rule, scope: 'other' }, 'someone@example.test', start);
    const keys = await t.db.loginThrottle.findMany({ select: { key: true } });
    expect(keys.some((k) => k.key.includes('someone'))).toBe(false);
    expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
  });

  it('prunes windows that have ended, and only those', async () => {
    await consumeAttempt(t.db, rule, 'old', start);
    await consumeAttempt(t.db, rule, 'current', at(120_000));
    const pruned = await pruneThrottle(t.db, at(120_000));
    expect(pruned).toBeGreaterThan(0);
    expect((await consumeAttempt(t.db, rule, 'current', at(120_000))).attempts).toBe(2);
    expect((await consumeAttempt(t.db, rule, 'old', at(120_000))).attempts).toBe(1);
  });
});
