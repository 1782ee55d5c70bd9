import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SESSION_POLICY,
  createSession,
  hashSecret,
  invalidateOtherSessions,
  invalidateSession,
  parseSessionToken,
  validateSessionToken,
} from './session.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const HOUR = 60 * 60 * 1000;
const start = new Date('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(start.getTime() + ms);

let userCount = 0;
const newUser = () =>
  t.db.user.create({
    data: { email: `session-${++userCount}@example.test`, displayName: 'Session Tester', passwordHash: 'unused' },
    select: { id: true },
  });

describe('sessions in PostgreSQL', () => {
  it('stores only the SHA-256 of the secret, never the token', async () => {
    const user = await newUser();
    const { token, id } = await createSession({ db: t.db, now: start, userId: user.id });
    const parsed = parseSessionToken(token);
    const row = await t.db.session.findUniqueOrThrow({ where: { id } });
    expect(Buffer.from(row.secretHash)).toEqual(Buffer.from(hashSecret(parsed!.secret)));
    // No column of the row, in any encoding, holds the secret.
    const dump = JSON.stringify(
      await t.db.$queryRaw`SELECT row_to_json(s)::text AS j FROM "Session" s WHERE id = ${id}`,
    );
    expect(dump).not.toContain(parsed!.secret);
    expect(dump).not.toContain(Buffer.from(parsed!.secret).toString('hex'));
  });

  it('validates the token it issued and returns the user', async () => {
    const user = await newUser();
    const { token } = await createSession({ db: t.db, now: start, userId: user.id });
    const valid = await validateSessionToken({ db: t.db, now: at(1000), token });
    expect(valid?.user.id).toBe(user.id);
    expect(valid?.renewed).toBe(false);
  });

  it('rejects a tampered token, an unknown id and a token from another session', async () => {
    const user = await newUser();
    const a = await createSession({ db: t.db, now: start, userId: user.id });
    const b = await createSession({ db: t.db, now: start, userId: user.id });
    const last = a.token.at(-1) === 'a' ? 'b' : 'a';
    expect(await validateSessionToken({ db: t.db, now: start, token: a.token.slice(0, -1) + last })).toBeNull();
    const [aId] = a.token.split('.');
    const [, bSecret] = b.token.split('.');
    expect(await validateSessionToken({ db: t.db, now: start, token: `${aId}.${bSecret}` })).toBeNull();
    expect(await validateSessionToken({ db: t.db, now: start, token: `${'q'.repeat(24)}.${bSecret}` })).toBeNull();
    // The untouched token still works: a failed guess does not end the real session.
    expect(await validateSessionToken({ db: t.db, now: start, token: a.token })).not.toBeNull();
  });

  it('bumps the idle expiry at most once an hour, and says when it did', async () => {
    const user = await newUser();
    const { token, id } = await createSession({ db: t.db, now: start, userId: user.id });
    const idleAt = async () => (await t.db.session.findUniqueOrThrow({ where: { id } })).idleExpiresAt;
    const first = await idleAt();

    const early = await validateSessionToken({ db: t.db, now: at(HOUR - 1), token });
    expect(early?.renewed).toBe(false);
    expect(await idleAt()).toEqual(first);

    const later = await validateSessionToken({ db: t.db, now: at(HOUR), token });
    expect(later?.renewed).toBe(true);
    expect(await idleAt()).toEqual(at(HOUR + SESSION_POLICY.idleTimeoutMs));
    expect(later?.session.expiresAt).toEqual(at(HOUR + SESSION_POLICY.idleTimeoutMs));

    const soonAfter = await validateSessionToken({ db: t.db, now: at(HOUR + 30 * 60 * 1000), token });
    expect(soonAfter?.renewed).toBe(false);
  });

  it('ends an idle session and deletes its row', async () => {
    const user = await newUser();
    const { token, id } = await createSession({ db: t.db, now: start, userId: user.id });
    expect(await validateSessionToken({ db: t.db, now: at(SESSION_POLICY.idleTimeoutMs), token })).toBeNull();
    expect(await t.db.session.findUnique({ where: { id } })).toBeNull();
  });

  it('ends a session at its absolute lifetime even when used every day', async () => {
    const user = await newUser();
    const { token } = await createSession({ db: t.db, now: start, userId: user.id });
    const day = 24 * HOUR;
    for (let d = 1; d < 30; d++) {
      expect(await validateSessionToken({ db: t.db, now: at(d * day), token }), `day ${d}`).not.toBeNull();
    }
    expect(await validateSessionToken({ db: t.db, now: at(SESSION_POLICY.absoluteLifetimeMs), token })).toBeNull();
  });

  it('signs out one session, or every session but one', async () => {
    const user = await newUser();
    const sessions = await Promise.all([1, 2, 3].map(() => createSession({ db: t.db, now: start, userId: user.id })));
    const [one, two, three] = sessions as [(typeof sessions)[0], (typeof sessions)[0], (typeof sessions)[0]];
    await invalidateSession({ db: t.db, sessionId: one.id });
    expect(await validateSessionToken({ db: t.db, now: start, token: one.token })).toBeNull();
    expect(await invalidateOtherSessions({ db: t.db, userId: user.id, keep: two.id })).toBe(1);
    expect(await validateSessionToken({ db: t.db, now: start, token: two.token })).not.toBeNull();
    expect(await validateSessionToken({ db: t.db, now: start, token: three.token })).toBeNull();
  });
});
