// verifyWebhookSignature and verifyPagerDutySignature: a body as bytes (Buffer, Uint8Array,
// ArrayBuffer) verifies as its text does; the receiver's configuration (secret, options) is checked
// and refused with INVALID_INPUT; what comes from the request is false, never a throw.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyPagerDutySignature, verifyWebhookSignature } from '../../src/adapters/index.js';
import { rejectionOf } from '../support.js';
import { revokedProxy, throwingGetters, throwingProxy } from './hostile.js';

const now = Date.UTC(2026, 10, 24, 9);
const t = now / 1000;
const text = '{"id":"obx_1","incident":{"title":"Café ☕ down"}}';
const webhookHeader = (body: string | Uint8Array, secret = 's', at = t) =>
  `t=${at},v1=${createHmac('sha256', secret).update(`${at}.`).update(body).digest('hex')}`;
const pagerDutyHeader = (body: string | Uint8Array, secret = 'pd') =>
  `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;
const options = { toleranceS: 300, now };

/** The same bytes in each form a host may hold them. */
function forms(body: string): [string, string | Uint8Array | ArrayBuffer][] {
  const bytes = new TextEncoder().encode(body);
  // A view into the middle of a larger buffer, as a pooled Node Buffer often is.
  const padded = new Uint8Array(bytes.length + 8);
  padded.set(bytes, 4);
  return [
    ['string', body],
    ['Buffer', Buffer.from(body, 'utf8')],
    ['Uint8Array', bytes],
    ['Uint8Array at an offset', padded.subarray(4, 4 + bytes.length)],
    ['ArrayBuffer', bytes.slice().buffer],
  ];
}

describe('verifyWebhookSignature with the body as bytes', () => {
  it.each(forms(text))(
    'verifies a %s body with a good signature, and not with a bad one',
    async (_, body) => {
      expect(await verifyWebhookSignature(body, webhookHeader(text), 's', options)).toBe(true);
      expect(await verifyWebhookSignature(body, webhookHeader(text, 'other'), 's', options)).toBe(false);
      expect(await verifyWebhookSignature(body, webhookHeader(`${text} `), 's', options)).toBe(false);
      expect(await verifyWebhookSignature(body, webhookHeader(text, 's', t - 301), 's', options)).toBe(false);
    },
  );

  it('hashes the raw bytes, so bytes that are not UTF-8 text verify too', async () => {
    const bytes = Uint8Array.from([0xff, 0x00, 0xfe, 0x80]);
    expect(await verifyWebhookSignature(bytes, webhookHeader(bytes), 's', options)).toBe(true);
    expect(await verifyWebhookSignature(Buffer.from(bytes), webhookHeader(bytes), 's', options)).toBe(true);
  });

  it('verifies a string and its UTF-8 bytes alike, for any body (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.boolean(), async (body, good) => {
        const header = good ? webhookHeader(body) : webhookHeader(`${body}x`);
        const asText = await verifyWebhookSignature(body, header, 's', options);
        const asBytes = await verifyWebhookSignature(new TextEncoder().encode(body), header, 's', options);
        const asBuffer = await verifyWebhookSignature(Buffer.from(body, 'utf8'), header, 's', options);
        expect([asText, asBytes, asBuffer]).toEqual([good, good, good]);
      }),
      { numRuns: 200 },
    );
  });

  it('answers false, never throws, for what comes from the request', async () => {
    const header = webhookHeader(text);
    for (const body of [undefined, null, 42, true, {}, [1, 2], () => 'body', new SharedArrayBuffer(4)])
      expect(await verifyWebhookSignature(body as never, header, 's', options)).toBe(false);
    for (const body of [throwingProxy(), revokedProxy(), throwingGetters(['buffer', 'byteLength'])])
      expect(await verifyWebhookSignature(body as never, header, 's', options)).toBe(false);
    const detached = new ArrayBuffer(8);
    structuredClone(detached, { transfer: [detached] });
    expect(await verifyWebhookSignature(detached, header, 's', options)).toBe(false);
    for (const bad of [
      undefined,
      null,
      '',
      'garbage',
      't=1',
      `${header.slice(0, -1)}0`,
      'x'.repeat(5_000),
      7,
    ])
      expect(await verifyWebhookSignature(text, bad as never, 's', options)).toBe(false);
  });
});

describe('verifyWebhookSignature refuses a receiver misconfiguration with INVALID_INPUT', () => {
  const header = webhookHeader(text);
  it.each([
    ['a missing secret (an unset environment variable)', undefined, options, 'secret'],
    ['an empty secret', '', options, 'secret'],
    ['a secret that is not a string', 42, options, 'secret'],
    ['a negative toleranceS', 's', { toleranceS: -1, now }, 'options.toleranceS'],
    ['an infinite toleranceS', 's', { toleranceS: Number.POSITIVE_INFINITY, now }, 'options.toleranceS'],
    ['a NaN toleranceS', 's', { toleranceS: Number.NaN, now }, 'options.toleranceS'],
    ['a toleranceS that is a string', 's', { toleranceS: '300', now }, 'options.toleranceS'],
    ['a now that is not an epoch ms', 's', { toleranceS: 300, now: -1 }, 'options.now'],
    ['an unknown option (the typo tolerance)', 's', { tolerance: 300, now }, 'options'],
    ['options that are not an object', 's', 'strict', 'options'],
    ['null options', 's', null, 'options'],
    ['options whose getter throws', 's', throwingGetters(['toleranceS']), 'options'],
  ])('%s', async (_, secret, opts, path) => {
    const error = await rejectionOf(verifyWebhookSignature(text, header, secret as never, opts as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues[0]?.path).toBe(path);
  });

  it('names the unknown field in the issue', async () => {
    const error = await rejectionOf(verifyWebhookSignature(text, header, 's', { tolerance: 300 } as never));
    expect(error.issues[0]?.message).toMatch(/"tolerance"/);
  });

  it('checks the configuration before the request, so it is reported even for a request without a header', async () => {
    expect((await rejectionOf(verifyWebhookSignature(text, null, undefined as never))).issues[0]?.path).toBe(
      'secret',
    );
    expect((await rejectionOf(verifyWebhookSignature(42 as never, null, 's', { toleranceS: -1 }))).code).toBe(
      'INVALID_INPUT',
    );
  });

  it('keeps the defaults for undefined options and undefined fields', async () => {
    const fresh = webhookHeader(text, 's', Math.floor(Date.now() / 1000));
    expect(await verifyWebhookSignature(text, fresh, 's')).toBe(true);
    expect(await verifyWebhookSignature(text, fresh, 's', undefined)).toBe(true);
    expect(await verifyWebhookSignature(text, fresh, 's', { toleranceS: undefined, now: undefined })).toBe(
      true,
    );
    expect(await verifyWebhookSignature(text, header, 's', { toleranceS: 0, now })).toBe(true);
  });
});

describe('verifyPagerDutySignature with the body as bytes', () => {
  it.each(forms(text))(
    'verifies a %s body with a good signature, and not with a bad one',
    async (_, body) => {
      expect(await verifyPagerDutySignature(body, pagerDutyHeader(text), 'pd')).toBe(true);
      expect(await verifyPagerDutySignature(body, pagerDutyHeader(text, 'other'), 'pd')).toBe(false);
      expect(await verifyPagerDutySignature(body, pagerDutyHeader(`${text} `), 'pd')).toBe(false);
    },
  );

  it('verifies a string and its UTF-8 bytes alike, for any body (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.boolean(), async (body, good) => {
        const header = good ? pagerDutyHeader(body) : pagerDutyHeader(`${body}x`);
        const asText = await verifyPagerDutySignature(body, header, 'pd');
        const asBytes = await verifyPagerDutySignature(new TextEncoder().encode(body), header, 'pd');
        expect([asText, asBytes]).toEqual([good, good]);
      }),
      { numRuns: 200 },
    );
  });

  it('answers false, never throws, for a body of the wrong type or a bad header', async () => {
    const header = pagerDutyHeader(text);
    for (const body of [undefined, null, 42, {}, throwingProxy(), revokedProxy()])
      expect(await verifyPagerDutySignature(body as never, header, 'pd')).toBe(false);
    for (const bad of [undefined, null, '', 'garbage', 'v2=00', 7])
      expect(await verifyPagerDutySignature(text, bad as never, 'pd')).toBe(false);
  });

  it('refuses a secret that is not a string (an unset environment variable) with INVALID_INPUT', async () => {
    for (const secret of [undefined, null, 42]) {
      const error = await rejectionOf(verifyPagerDutySignature(text, pagerDutyHeader(text), secret as never));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.issues[0]?.path).toBe('secret');
    }
  });
});
