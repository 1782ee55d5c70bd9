import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { describe, expect, it } from 'vitest';
import {
  SESSION_POLICY,
  decideExpiry,
  generateSessionToken,
  hashSecret,
  newSessionTimes,
  parseSessionToken,
  secretMatches,
} from './session.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const start = new Date('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(start.getTime() + ms);

describe('session tokens', () => {
  const tokens = Array.from({ length: 1_000 }, () => generateSessionToken());

  it('are unique across 1,000 draws, ids and secrets alike', () => {
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1_000);
    expect(new Set(tokens.map((t) => t.id)).size).toBe(1_000);
    expect(new Set(tokens.map((t) => t.secret)).size).toBe(1_000);
  });

  it('carry a 256-bit secret and a 120-bit id', () => {
    for (const { id, secret, token } of tokens.slice(0, 50)) {
      expect(decodeBase32IgnorePadding(secret.toUpperCase())).toHaveLength(32);
      expect(decodeBase32IgnorePadding(id.toUpperCase())).toHaveLength(15);
      expect(token).toBe(`${id}.${secret}`);
    }
  });

  it('look uniformly random: half the bits set, every byte value seen, ~8 bits of entropy per byte', () => {
    const bytes = tokens.flatMap((t) => [...decodeBase32IgnorePadding(t.secret.toUpperCase())]);
    const bits = bytes.reduce((sum, byte) => sum + byte.toString(2).replaceAll('0', '').length, 0);
    // 256,000 bits: a fair source lands within ±0.01 of one half (ten standard deviations).
    expect(Math.abs(bits / (bytes.length * 8) - 0.5)).toBeLessThan(0.01);
    const counts = new Array<number>(256).fill(0);
    for (const byte of bytes) counts[byte] = (counts[byte] ?? 0) + 1;
    expect(counts.every((count) => count > 0)).toBe(true);
    const entropy = -counts.reduce((sum, count) => sum + (count / bytes.length) * Math.log2(count / bytes.length), 0);
    expect(entropy).toBeGreaterThan(7.99);
  });

  it('are generated from the given random source (a fixed source gives a fixed token)', () => {
    const zeros = (length: number) => new Uint8Array(length);
    expect(generateSessionToken(zeros).token).toBe(`${'a'.repeat(24)}.${'a'.repeat(52)}`);
  });
});

describe('parsing and checking a token', () => {
  const { id, secret, token } = generateSessionToken();

  it('splits a well-formed token', () => {
    expect(parseSessionToken(token)).toEqual({ id, secret });
  });

  it.each([
    ['empty', ''],
    ['no separator', token.replace('.', '')],
    ['secret cut short', token.slice(0, -1)],
    ['extra character', `${token}a`],
    ['upper case', token.toUpperCase()],
    ['characters outside base32', token.replace(/.$/, '1')],
    ['two separators', `${id}.${secret}.x`],
  ])('refuses a malformed token (%s)', (_label, value) => {
    expect(parseSessionToken(value)).toBeNull();
  });

  it('stores a 32-byte SHA-256 of the secret, not the secret', () => {
    const stored = hashSecret(secret);
    expect(stored).toHaveLength(32);
    expect(Buffer.from(stored).toString('latin1')).not.toContain(secret);
  });

  it('accepts the right secret and refuses one with a single character changed', () => {
    const stored = hashSecret(secret);
    expect(secretMatches(secret, stored)).toBe(true);
    const last = secret.at(-1) === 'a' ? 'b' : 'a';
    expect(secretMatches(secret.slice(0, -1) + last, stored)).toBe(false);
    expect(secretMatches(secret, hashSecret(generateSessionToken().secret))).toBe(false);
  });
});

describe('expiry with an injected clock', () => {
  const times = newSessionTimes(start);

  it('starts with the idle and absolute limits from the policy', () => {
    expect(times.idleExpiresAt).toEqual(at(SESSION_POLICY.idleTimeoutMs));
    expect(times.absoluteExpiresAt).toEqual(at(SESSION_POLICY.absoluteLifetimeMs));
  });

  it('is valid until the idle limit, and expired at it', () => {
    expect(decideExpiry(times, at(SESSION_POLICY.idleTimeoutMs - 1)).status).toBe('valid');
    expect(decideExpiry(times, at(SESSION_POLICY.idleTimeoutMs)).status).toBe('expired');
    expect(decideExpiry(times, at(SESSION_POLICY.idleTimeoutMs + DAY)).status).toBe('expired');
  });

  it('does not renew within the first hour, renews after it', () => {
    expect(decideExpiry(times, at(59 * 60 * 1000))).toEqual({ status: 'valid', renewTo: null });
    expect(decideExpiry(times, at(HOUR))).toEqual({
      status: 'valid',
      renewTo: at(HOUR + SESSION_POLICY.idleTimeoutMs),
    });
  });

  it('renews at most once an hour however often it is used', () => {
    let session = { ...times };
    let writes = 0;
    // A request every minute for ten hours.
    for (let minute = 1; minute <= 600; minute++) {
      const decision = decideExpiry(session, at(minute * 60 * 1000));
      expect(decision.status).toBe('valid');
      if (decision.status === 'valid' && decision.renewTo) {
        writes++;
        session = { ...session, idleExpiresAt: decision.renewTo };
      }
    }
    expect(writes).toBe(10);
  });

  it('slides: a session used daily outlives its idle timeout', () => {
    let session = { ...times };
    for (let day = 1; day <= 20; day++) {
      const decision = decideExpiry(session, at(day * DAY));
      expect(decision.status).toBe('valid');
      if (decision.status === 'valid' && decision.renewTo) session = { ...session, idleExpiresAt: decision.renewTo };
    }
  });

  it('ends at the absolute limit however recently it was used, and never renews past it', () => {
    let session = { ...times };
    let renewedTo = session.idleExpiresAt;
    for (let day = 1; day < 30; day++) {
      const decision = decideExpiry(session, at(day * DAY));
      expect(decision.status).toBe('valid');
      if (decision.status === 'valid' && decision.renewTo) {
        session = { ...session, idleExpiresAt: decision.renewTo };
        renewedTo = decision.renewTo;
      }
    }
    expect(renewedTo.getTime()).toBeLessThanOrEqual(times.absoluteExpiresAt.getTime());
    expect(decideExpiry(session, at(30 * DAY - 1)).status).toBe('valid');
    expect(decideExpiry(session, at(30 * DAY)).status).toBe('expired');
  });
});
