import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/adapters/index.js';
import { teamsNotifier } from '../../src/adapters/teams-notifier.js';
import { initialNotification, statusUpdate } from '../../src/comms/index.js';
import { declareIncident } from '../../src/lifecycle/index.js';
import { errorOf } from '../errors.js';
import { localVendor, managerWith, T0, walkWholeIncident } from './helpers.js';
import { TEAMS_LIMIT_BYTES, teamsEnvelopeProblems, teamsWorkflow } from './teams-server.js';
import { jsonOf } from './vendor-server.js';

const RUNS = Number(process.env.FC_RUNS ?? 100);
const local = localVendor(teamsWorkflow);

function setup() {
  const teams = teamsNotifier({
    webhookUrl: `${local.server.url}/workflows/abc/triggers/manual/paths/invoke?sig=x`,
  });
  return { ...managerWith(teams), teams };
}

/** Every string a card shows, and every key it uses, walked from the JSON Teams received. */
function walk(card: unknown, visit: (key: string, value: unknown) => void): void {
  if (Array.isArray(card)) for (const v of card) walk(v, visit);
  else if (card && typeof card === 'object')
    for (const [k, v] of Object.entries(card)) {
      visit(k, v);
      walk(v, visit);
    }
}

describe('teamsNotifier (Workflows webhook)', () => {
  it('posts every message of a whole incident once, in order, as an Adaptive Card 1.4, through injected 429s and 500s', async () => {
    const env = setup();
    const { store } = env;
    const id = await walkWholeIncident({ ...env, notifier: env.teams }, local.server, {
      update: 'Rolling back <at>everyone</at>',
      faults: [
        { status: 429, headers: { 'retry-after': '5' }, body: '' },
        { status: 500, body: '' },
      ],
      laterFaults: [{ status: 502, body: '' }],
    });

    const rows = await store.outbox(id);
    expect(rows.every((r) => r.status === 'delivered')).toBe(true);
    const processed = local.server.processed();
    expect(processed.map((r) => r.headers['idempotency-key'])).toEqual(rows.map((r) => r.id));
    expect(local.vendor.cards).toHaveLength(rows.length);
    for (const request of processed) {
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(Buffer.byteLength(request.body)).toBeLessThanOrEqual(TEAMS_LIMIT_BYTES);
      expect(teamsEnvelopeProblems(jsonOf(request))).toEqual([]);
    }
    expect(JSON.stringify(local.vendor.cards)).not.toContain('<at>');
  });

  it.each([
    [400, { error: { code: 'InvalidRequestContent' } }],
    [401, { error: { code: 'DirectApiAuthorizationRequired' } }],
    [404, { error: { code: 'WorkflowNotFound' } }],
    [413, { error: { code: 'RequestEntityTooLarge' } }],
  ])('dead-letters at once on HTTP %i', async (status, body) => {
    const { store, teams, manager } = setup();
    const { id } = await manager.declare({
      incidentId: 'INC-2',
      title: 'Search slow',
      severity: 'SEV3',
      at: T0,
    });
    local.server.inject({ status, body });
    expect((await deliverOutbox(store, [teams], { now: T0 })).dead).toBe(1);
    expect((await store.outbox(id))[0]).toMatchObject({ status: 'dead', attempts: 1 });
  });

  it('sends no mention, link or markup from user text, for any user text', async () => {
    let sent = '';
    const notifier = teamsNotifier({
      webhookUrl: 'https://prod-00.westeurope.logic.azure.com/workflows/abc',
      fetch: async (_url, init) => {
        sent = init?.body ?? '';
        return { status: 202, ok: true, headers: { get: () => null }, text: async () => '' };
      },
    });
    // Blank text is refused at the builders (INVALID_INPUT), so the property draws non-blank text.
    const hostile = fc.oneof(
      fc.string({ minLength: 1, maxLength: 200 }).filter((text) => text.trim() !== ''),
      fc.constantFrom(
        '<at>everyone</at>',
        '@everyone @channel',
        '[click](https://evil.example)',
        'https://evil.example/x www.evil.example',
        '**bold** _it_ `code` # heading',
        '<script>alert(1)</script>',
        '{{title}} {{summary}}',
      ),
    );
    const context = {
      idempotencyKey: 'row_1',
      attempt: 1,
      incident: { id: 'INC-P', severity: 'SEV2', phase: 'detect' as const, page: 'team' as const },
      state: { get: async () => undefined, set: async () => {} },
    };
    await fc.assert(
      fc.asyncProperty(fc.tuple(hostile, hostile, hostile), async ([title, summary, status]) => {
        const { incident } = declareIncident({
          incidentId: 'INC-P',
          title: title.trim() === '' ? 'x' : title,
          summary: summary.trim() === '' ? undefined : summary,
          severity: 'SEV2',
          at: T0,
        });
        for (const message of [
          initialNotification(incident),
          statusUpdate(incident, { status: status || 'x' }),
        ]) {
          await notifier.send(message, context);
          const body = JSON.parse(sent) as unknown;
          walk(body, (key, value) => {
            expect(key).not.toBe('entities');
            expect(key).not.toBe('selectAction');
            if (key === 'type')
              expect(['message', 'AdaptiveCard', 'RichTextBlock', 'TextRun']).toContain(value);
            if (key === 'text' && typeof value === 'string') {
              expect(value).not.toMatch(/<at>/i);
              expect(value).not.toMatch(/@(everyone|channel|here)\b/i);
              expect(value).not.toMatch(/https?:\/\/|www\./i);
            }
          });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('rejects a webhook URL that is not http(s)', () => {
    expect(errorOf(() => teamsNotifier({ webhookUrl: 'ftp://x' })).issues[0]?.path).toBe(
      'options.webhookUrl',
    );
  });
});
