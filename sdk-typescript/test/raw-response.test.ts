import { describe, expect, it } from 'vitest';
import { deprecationLink, parseDeprecation, parseRateLimit, parseRetryAfter } from '../src/headers.js';
import { clientFor, FakeFetch, json, LEAD, predictResponse, SCORE } from './fake-fetch.js';

describe('raw responses', () => {
  it('give status, headers, request id, rate limit, deprecation and the value', async () => {
    const fake = new FakeFetch().answer(
      json({ id: 21 }, 200, {
        'X-Request-Id': 'req_3f9a1c',
        'RateLimit-Policy': '"minute";q=60;w=60, "hour";q=1000;w=3600',
        RateLimit: '"hour";r=997;t=1740',
        Deprecation: '@1796083200',
        Sunset: 'Wed, 30 Jun 2027 00:00:00 GMT',
        Link: '</docs/changelog.html#deprecated-fields>; rel="deprecation"; type="text/html"',
      }),
    );
    const { client } = clientFor(fake);

    const response = await client.models.withRawResponse().info('21');

    expect(response.value).toEqual({ id: 21 });
    expect(response.status).toBe(200);
    expect(response.requestId).toBe('req_3f9a1c');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.rateLimit).toEqual({ policy: 'hour', remaining: 997, resetSeconds: 1740, quota: 1000, windowSeconds: 3600 });
    expect(response.deprecation).toEqual({
      header: '@1796083200',
      deprecatedSince: new Date(1796083200 * 1000),
      sunsetHeader: 'Wed, 30 Jun 2027 00:00:00 GMT',
      sunset: new Date(Date.UTC(2027, 5, 30)),
      link: '/docs/changelog.html#deprecated-fields',
    });
    expect(response.replayed).toBe(false);
  });

  it('say when a prediction was an idempotent replay', async () => {
    const fake = new FakeFetch().answer(json(predictResponse(SCORE), 200, { 'Idempotent-Replayed': 'true' }));
    const { client } = clientFor(fake);

    const response = await client.predictions.withRawResponse().create('21', LEAD);

    expect(response.replayed).toBe(true);
    expect(response.value.predictions.lead_score).toBe(82);
  });

  it('carry no rate limit or deprecation when the headers are absent or unreadable', () => {
    expect(parseRateLimit(new Headers())).toBeNull();
    expect(parseRateLimit(new Headers({ RateLimit: '"hour";r=lots;t=1' }))).toBeNull();
    expect(parseRateLimit(new Headers({ RateLimit: '"hour";r=5;t=60' }))).toEqual({
      policy: 'hour',
      remaining: 5,
      resetSeconds: 60,
      quota: null,
      windowSeconds: null,
    });
    expect(parseDeprecation(new Headers())).toBeNull();
    expect(parseDeprecation(new Headers({ Deprecation: 'true' }))).toMatchObject({ deprecatedSince: null, sunset: null, link: null });
  });

  it('find the deprecation link among others', () => {
    expect(deprecationLink('<https://a.test/next>; rel="next", <https://a.test/notes>; rel="deprecation"')).toBe('https://a.test/notes');
    expect(deprecationLink('<https://a.test/notes>; rel=deprecation')).toBe('https://a.test/notes');
    expect(deprecationLink('<https://a.test/next>; rel="next"')).toBeNull();
  });

  it('read Retry-After as seconds or an HTTP date, and nothing else', () => {
    const now = Date.UTC(2026, 10, 27, 9, 0, 0);
    expect(parseRetryAfter(new Headers({ 'Retry-After': '12' }), now)).toBe(12);
    expect(parseRetryAfter(new Headers({ 'Retry-After': 'Fri, 27 Nov 2026 09:00:30 GMT' }), now)).toBe(30);
    expect(parseRetryAfter(new Headers({ 'Retry-After': 'Fri, 27 Nov 2026 08:00:00 GMT' }), now)).toBe(0);
    expect(parseRetryAfter(new Headers({ 'Retry-After': 'soon' }), now)).toBeNull();
    expect(parseRetryAfter(new Headers({ 'Retry-After': '-3' }), now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
