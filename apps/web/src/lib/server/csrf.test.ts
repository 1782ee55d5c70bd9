import { describe, expect, it } from 'vitest';
import { passesCsrfCheck } from './csrf.ts';

const ours = 'http://localhost:3000';
const post = (headers: Record<string, string>, method = 'POST') =>
  new Request(`${ours}/api/trpc/team.create`, { method, headers });

describe('the CSRF check', () => {
  it.each([
    ['our Origin', { origin: ours }, true],
    ['our Origin and Sec-Fetch-Site: same-origin', { origin: ours, 'sec-fetch-site': 'same-origin' }, true],
    ['no Origin', {}, false],
    ['a foreign Origin', { origin: 'https://evil.example' }, false],
    ['our Origin over another scheme', { origin: 'https://localhost:3000' }, false],
    ['an Origin that starts like ours', { origin: `${ours}.evil.example` }, false],
    ['Origin "null" (sandboxed frame, file:)', { origin: 'null' }, false],
    ['Sec-Fetch-Site: cross-site with our Origin', { origin: ours, 'sec-fetch-site': 'cross-site' }, false],
    ['Sec-Fetch-Site: same-site with our Origin', { origin: ours, 'sec-fetch-site': 'same-site' }, false],
    ['Sec-Fetch-Site: none with our Origin', { origin: ours, 'sec-fetch-site': 'none' }, false],
  ])('a POST with %s: %s', (_label, headers, expected) => {
    expect(passesCsrfCheck(post(headers), ours)).toBe(expected);
  });

  it.each(['PUT', 'PATCH', 'DELETE'])('checks %s like POST', (method) => {
    expect(passesCsrfCheck(post({ origin: 'https://evil.example' }, method), ours)).toBe(false);
  });

  it('lets safe methods through whatever their headers say', () => {
    expect(passesCsrfCheck(new Request(ours, { headers: { 'sec-fetch-site': 'cross-site' } }), ours)).toBe(true);
    expect(passesCsrfCheck(new Request(ours, { method: 'HEAD' }), ours)).toBe(true);
  });
});
