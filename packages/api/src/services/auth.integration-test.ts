import { ARGON2_PARAMS, SIGN_IN_THROTTLE, verifyPassword } from '@rightsize/auth';
import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, callerFor, createUser, uniqueEmail } from '../../test/factories.ts';
import { AppError } from '../errors.ts';
import { signIn, type PasswordVerifier } from './auth.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** The real argon2 verify, counting its runs: the way to see that a refusal came before the hash. */
const countingVerifier = () => {
  const counter = { runs: 0 };
  const verify: PasswordVerifier = async (hash, password) => {
    counter.runs++;
    return verifyPassword(hash, password);
  };
  return { counter, verify };
};

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: unknown) => (error instanceof TRPCError || error instanceof AppError ? error.code : String(error)),
  );

let address = 0;
/** A fresh client address per test, so the per-address counter of one test does not leak into another. */
const nextAddress = () => `198.51.100.${++address}`;

describe('sign-up', () => {
  it('creates the user, stores an argon2id hash with the configured parameters and signs in', async () => {
    const caller = await callerFor(t.db);
    const email = uniqueEmail('new');
    const { user } = await caller.api.auth.signUp({
      email: ` ${email.toUpperCase()} `,
      displayName: 'Nia New',
      password: 'cobalt-harbour-81',
    });
    expect(user.email).toBe(email);
    const stored = await t.db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(stored.passwordHash).toMatch(
      new RegExp(
        `^\\$argon2id\\$v=19\\$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}\\$`,
      ),
    );
    expect(caller.cookies.set).toHaveLength(1);
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it('refuses a common password with a field error and writes nothing', async () => {
    const caller = await callerFor(t.db);
    const users = await t.db.user.count();
    const error = await caller.api.auth
      .signUp({ email: uniqueEmail(), displayName: 'X', password: 'password123' })
      .catch((e: unknown) => e as TRPCError);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect((error as TRPCError).cause).toMatchObject({ fieldErrors: { password: [expect.stringMatching(/common/)] } });
    expect(await t.db.user.count()).toBe(users);
  });

  it('refuses an address that already has an account, whatever its case', async () => {
    const existing = await createUser(t.db);
    const caller = await callerFor(t.db);
    const error = await caller.api.auth
      .signUp({ email: existing.email.toUpperCase(), displayName: 'Copy', password: 'cobalt-harbour-81' })
      .catch((e: unknown) => e as TRPCError);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect((error as TRPCError).cause).toMatchObject({ fieldErrors: { email: [expect.any(String)] } });
  });
});

describe('sign-in and sign-out', () => {
  it('issues a new token on every sign-in and ends the session the browser had', async () => {
    const user = await createUser(t.db);
    const first = await callerFor(t.db, { clientAddress: nextAddress() });
    await first.api.auth.signIn({ email: user.email, password: TEST_PASSWORD });
    const signedIn = await callerFor(t.db, { user, clientAddress: nextAddress() });
    const previousSession = signedIn.ctx.auth!.sessionId;
    await signedIn.api.auth.signIn({ email: user.email, password: TEST_PASSWORD });
    const tokens = [first.cookies.set[0]?.token, signedIn.cookies.set[0]?.token];
    expect(new Set(tokens).size).toBe(2);
    expect(await t.db.session.findUnique({ where: { id: previousSession } })).toBeNull();
  });

  it('says only "wrong email or password", for a wrong password and for an unknown address alike', async () => {
    const user = await createUser(t.db);
    const caller = await callerFor(t.db, { clientAddress: nextAddress() });
    const wrong = await caller.api.auth
      .signIn({ email: user.email, password: 'not-the-password' })
      .catch((e: TRPCError) => e);
    const unknown = await caller.api.auth
      .signIn({ email: uniqueEmail('ghost'), password: 'not-the-password' })
      .catch((e: TRPCError) => e);
    expect(wrong).toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong email or password.' });
    expect(unknown).toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong email or password.' });
  });

  it('deletes the session row and clears the cookie on sign-out', async () => {
    const user = await createUser(t.db);
    const caller = await callerFor(t.db, { user });
    await caller.api.auth.signOut();
    expect(await t.db.session.findUnique({ where: { id: caller.ctx.auth!.sessionId } })).toBeNull();
    expect(caller.cookies.cleared).toBe(1);
  });
});

describe('sign-in throttling', () => {
  const limit = SIGN_IN_THROTTLE.account.limit;

  it(`refuses the attempt after ${limit} wrong passwords in a row before hashing, even with the right password`, async () => {
    const user = await createUser(t.db);
    const { counter, verify } = countingVerifier();
    const clientAddress = nextAddress();
    const attempt = (password: string) =>
      signIn({ db: t.db, now: new Date(), input: { email: user.email, password }, clientAddress, verify });
    for (let i = 0; i < limit; i++) expect(await codeOf(attempt('wrong-password'))).toBe('UNAUTHENTICATED');
    expect(counter.runs).toBe(limit);
    const refused = await attempt(TEST_PASSWORD).catch((e: AppError) => e);
    expect(refused).toMatchObject({ code: 'THROTTLED' });
    expect((refused as AppError).message).toMatch(
      /Too many failed sign-ins for this account\. Try again in \d+ minutes?\./,
    );
    expect((refused as AppError).retryAfterSeconds).toBeGreaterThan(0);
    expect((refused as AppError).retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_THROTTLE.account.windowMs / 1000);
    expect(counter.runs).toBe(limit);
  });

  it('holds across addresses: the account limit counts guesses from anywhere', async () => {
    const user = await createUser(t.db);
    const { counter, verify } = countingVerifier();
    for (let i = 0; i < limit; i++) {
      await codeOf(
        signIn({
          db: t.db,
          now: new Date(),
          input: { email: user.email, password: 'nope-nope' },
          clientAddress: nextAddress(),
          verify,
        }),
      );
    }
    const code = await codeOf(
      signIn({
        db: t.db,
        now: new Date(),
        input: { email: user.email, password: TEST_PASSWORD },
        clientAddress: nextAddress(),
        verify,
      }),
    );
    expect(code).toBe('THROTTLED');
    expect(counter.runs).toBe(limit);
  });

  it('lets no more than the limit of concurrent attempts reach the hash', async () => {
    const user = await createUser(t.db);
    const { counter, verify } = countingVerifier();
    const clientAddress = nextAddress();
    const codes = await Promise.all(
      Array.from({ length: limit * 3 }, () =>
        codeOf(
          signIn({
            db: t.db,
            now: new Date(),
            input: { email: user.email, password: 'parallel-guess' },
            clientAddress,
            verify,
          }),
        ),
      ),
    );
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(limit);
    expect(codes.filter((code) => code === 'THROTTLED')).toHaveLength(limit * 2);
    expect(counter.runs).toBe(limit);
  });

  it('starts the count again after a successful sign-in', async () => {
    const user = await createUser(t.db);
    const clientAddress = nextAddress();
    const attempt = (password: string) =>
      codeOf(signIn({ db: t.db, now: new Date(), input: { email: user.email, password }, clientAddress }));
    for (let i = 0; i < limit - 1; i++) expect(await attempt('wrong-password')).toBe('UNAUTHENTICATED');
    expect(await attempt(TEST_PASSWORD)).toBe('OK');
    for (let i = 0; i < limit; i++) expect(await attempt('wrong-password')).toBe('UNAUTHENTICATED');
    expect(await attempt(TEST_PASSWORD)).toBe('THROTTLED');
  });

  it('lets the account in again once the window has passed', async () => {
    const user = await createUser(t.db);
    const start = Date.now();
    const attempt = (password: string, offsetMs: number) =>
      codeOf(
        signIn({
          db: t.db,
          now: new Date(start + offsetMs),
          input: { email: user.email, password },
          clientAddress: nextAddress(),
        }),
      );
    for (let i = 0; i <= limit; i++) await attempt('wrong-password', 0);
    expect(await attempt(TEST_PASSWORD, SIGN_IN_THROTTLE.account.windowMs - 1)).toBe('THROTTLED');
    expect(await attempt(TEST_PASSWORD, SIGN_IN_THROTTLE.account.windowMs)).toBe('OK');
  });

  it('limits failures from one address across many accounts (password spraying)', async () => {
    const clientAddress = nextAddress();
    const { counter, verify } = countingVerifier();
    const addressLimit = SIGN_IN_THROTTLE.address.limit;
    for (let i = 0; i < addressLimit; i++) {
      await codeOf(
        signIn({
          db: t.db,
          now: new Date(),
          input: { email: uniqueEmail('spray'), password: 'Summer2026!' },
          clientAddress,
          verify,
        }),
      );
    }
    const refused = await signIn({
      db: t.db,
      now: new Date(),
      input: { email: uniqueEmail('spray'), password: 'Summer2026!' },
      clientAddress,
      verify,
    }).catch((e: AppError) => e);
    expect(refused).toMatchObject({ code: 'THROTTLED', message: expect.stringMatching(/from your network/) });
    expect(counter.runs).toBe(addressLimit);
  });

  it('does not count successful sign-ins against a shared address', async () => {
    const clientAddress = nextAddress();
    const user = await createUser(t.db);
    for (let i = 0; i < SIGN_IN_THROTTLE.address.limit + 5; i++) {
      expect(
        await codeOf(
          signIn({ db: t.db, now: new Date(), input: { email: user.email, password: TEST_PASSWORD }, clientAddress }),
        ),
      ).toBe('OK');
    }
  });
});

describe('changing the password', () => {
  it('ends every other session, keeps this one, and the new password works', async () => {
    const user = await createUser(t.db);
    const here = await callerFor(t.db, { user });
    const elsewhere = await callerFor(t.db, { user });
    const result = await here.api.auth.changePassword({
      currentPassword: TEST_PASSWORD,
      newPassword: 'violet-tundra-62',
    });
    expect(result.otherSessionsEnded).toBe(1);
    expect(await t.db.session.findUnique({ where: { id: elsewhere.ctx.auth!.sessionId } })).toBeNull();
    expect(await t.db.session.findUnique({ where: { id: here.ctx.auth!.sessionId } })).not.toBeNull();
    const anon = await callerFor(t.db, { clientAddress: nextAddress() });
    await expect(anon.api.auth.signIn({ email: user.email, password: 'violet-tundra-62' })).resolves.toBeDefined();
  });

  it('refuses a wrong current password on its field and changes nothing', async () => {
    const user = await createUser(t.db);
    const here = await callerFor(t.db, { user });
    const elsewhere = await callerFor(t.db, { user });
    const error = await here.api.auth
      .changePassword({ currentPassword: 'not-my-password', newPassword: 'violet-tundra-62' })
      .catch((e: TRPCError) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect((error as TRPCError).cause).toMatchObject({ fieldErrors: { currentPassword: [expect.any(String)] } });
    expect(await t.db.session.findUnique({ where: { id: elsewhere.ctx.auth!.sessionId } })).not.toBeNull();
  });
});
