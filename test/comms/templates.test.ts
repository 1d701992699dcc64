import { describe, expect, it } from 'vitest';
import {
  type CommsTemplates,
  initialNotification,
  MESSAGE_FIELD_KEYS,
  type Message,
  postmortemPublished,
  renderMessage,
  resolutionNotice,
  statusPageUpdate,
  statusUpdate,
} from '../../src/index.js';
import { kitError, min, sev1Stages } from './helpers.js';

const { mitigating, resolved, published } = sev1Stages();
const input = { status: 'Rolling back', nextSteps: ['Verify'] };

describe('template overrides', () => {
  it('can name every field a builder produces, in the order it produces them', () => {
    const messages: Message[] = [
      initialNotification(mitigating),
      statusUpdate(mitigating, { ...input, actionsTaken: 'x', eta: min(60) }),
      resolutionNotice(published),
      statusPageUpdate(mitigating),
      postmortemPublished(published),
    ];
    for (const m of messages) {
      const known: readonly string[] = MESSAGE_FIELD_KEYS[m.kind];
      const keys = m.fields.map((f) => f.key);
      expect(
        keys.every((k) => known.includes(k)),
        m.kind,
      ).toBe(true);
      expect(keys, m.kind).toEqual([...known].filter((k) => keys.includes(k)));
    }
  });

  it('fills {{placeholders}} from the message fields, the title and the time', () => {
    const templates: CommsTemplates = {
      statusUpdate: {
        title: '[{{ severity }}] {{incidentTitle}} — {{status}}',
        body: 'Posted {{time}}; next update {{nextUpdate}}.{{eta}}',
      },
    };
    const m = statusUpdate(mitigating, input, { templates, at: min(30) });
    expect(m.title).toBe('[SEV1 (Critical)] Checkout API returning 502s — Rolling back');
    expect(m.body).toBe('Posted 2026-11-24 09:30 UTC; next update 2026-11-24 09:45 UTC (in 15 min).');
  });

  it('calls typed functions with the vars and the message as built', () => {
    const m = resolutionNotice(
      resolved,
      {},
      {
        templates: {
          resolutionNotice: {
            title: (v, message) => `✅ ${v.incidentTitle} (${Math.round(message.durationMs / 60_000)} min)`,
            body: (v) => `Fixed by: ${v.resolution}`,
          },
        },
      },
    );
    expect(m.title).toBe('✅ Checkout API returning 502s (85 min)');
    expect(m.body).toBe('Fixed by: Restored the connection-pool limit and added an alert on pool saturation');
  });

  it('relabels fields, e.g. to translate them', () => {
    const m = statusUpdate(mitigating, input, {
      templates: { statusUpdate: { labels: { nextUpdate: 'Nächstes Update', status: 'Lage' } } },
    });
    expect(m.fields.find((f) => f.key === 'nextUpdate')?.label).toBe('Nächstes Update');
    expect(renderMessage(m, 'text')).toContain('Lage: Rolling back');
  });

  it('removes the body when a template produces an empty one', () => {
    const m = initialNotification(mitigating, { templates: { initialNotification: { body: '' } } });
    expect(m.body).toBeUndefined();
  });

  it('uses each builder’s own entry and validates them all', () => {
    const templates: CommsTemplates = {
      statusUpdate: { title: 'U: {{status}}' },
      statusPageUpdate: { body: 'Status: {{status}} at {{time}}' },
    };
    expect(initialNotification(mitigating, { templates }).title).toBe(
      'SEV1 incident declared: Checkout API returning 502s',
    );
    expect(statusPageUpdate(mitigating, {}, { templates, at: min(30) }).body).toBe(
      'Status: Identified at 2026-11-24 09:30 UTC',
    );
    const broken = { ...templates, resolutionNotice: { title: '{{nope}}' } };
    expect(kitError(() => statusUpdate(mitigating, input, { templates: broken })).issues[0]?.path).toBe(
      'options.templates.resolutionNotice.title',
    );
  });

  it('still escapes what templates produce, in every format', () => {
    const templates: CommsTemplates = {
      statusUpdate: {
        title: '<!channel> {{status}} <https://evil|click>',
        body: () => '@here *now* <script>',
      },
    };
    const m = statusUpdate(mitigating, { status: '<@U123>' }, { templates });
    const slack = renderMessage(m, 'slack');
    expect(JSON.stringify(slack)).not.toMatch(/<[!@#]|<https|<script|@here/);
    expect(renderMessage(m, 'html')).not.toMatch(/<script|<!channel/);
    expect(renderMessage(m, 'markdown')).toContain('\\<\u200B!channel\\>');
    expect(renderMessage(m, 'text')).not.toMatch(/<[!@]|@here/);
  });

  it('lists the allowed names when a placeholder is unknown', () => {
    const error = kitError(() =>
      statusUpdate(mitigating, input, { templates: { statusUpdate: { title: 'Hi {{commandr}}' } } }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues[0]?.path).toBe('options.templates.statusUpdate.title');
    expect(error.message).toContain('unknown placeholder {{commandr}}');
    for (const key of MESSAGE_FIELD_KEYS['status-update']) expect(error.message).toContain(`{{${key}}}`);
  });

  it.each([
    [{ statusUpdate: { title: '{{status' } }, 'options.templates.statusUpdate.title'],
    [{ statusUpdate: { body: 42 } }, 'options.templates.statusUpdate.body'],
    [{ statusUpdate: { footer: 'x' } }, 'options.templates.statusUpdate.footer'],
    [{ statusUpdate: { labels: { eta: '' } } }, 'options.templates.statusUpdate.labels.eta'],
    [{ statusUpdate: { labels: { duration: 'D' } } }, 'options.templates.statusUpdate.labels.duration'],
    [{ statusUpdates: {} }, 'options.templates.statusUpdates'],
    [{ statusUpdate: 'x' }, 'options.templates.statusUpdate'],
    ['x', 'options.templates'],
  ])('rejects malformed templates %j', (templates, path) => {
    expect(
      kitError(() => statusUpdate(mitigating, input, { templates: templates as never })).issues[0]?.path,
    ).toBe(path);
  });

  it('turns a failing or misbehaving template function into INVALID_INPUT', () => {
    const boom = kitError(() =>
      statusUpdate(mitigating, input, {
        templates: {
          statusUpdate: {
            title: () => {
              throw new Error('boom');
            },
          },
        },
      }),
    );
    expect(boom.issues[0]?.path).toBe('options.templates.statusUpdate.title');
    expect(
      kitError(() =>
        statusUpdate(mitigating, input, { templates: { statusUpdate: { title: (() => 1) as never } } }),
      ).issues[0]?.message,
    ).toContain('must return a string');
    expect(
      kitError(() => statusUpdate(mitigating, input, { templates: { statusUpdate: { title: () => '  ' } } }))
        .issues[0]?.message,
    ).toContain('empty title');
  });
});
