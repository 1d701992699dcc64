// Webhook bodies shaped field for field as each tool documents them (values are ours):
// Alertmanager: prometheus.io/docs/alerting/latest/configuration/#webhook_config (version "4");
// Grafana: grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/;
// PagerDuty: developer.pagerduty.com/docs/webhooks/v3-overview (docs/webhooks/01-Overview.md).

export const alertmanagerFiring = {
  version: '4',
  groupKey: '{}/{team="payments"}:{alertname="CheckoutErrorRate"}',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'incidentkit',
  groupLabels: { alertname: 'CheckoutErrorRate' },
  commonLabels: { alertname: 'CheckoutErrorRate', team: 'payments', severity: 'page' },
  commonAnnotations: { summary: 'Checkout 5xx rate above 5%' },
  externalURL: 'http://alertmanager.internal:9093',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'CheckoutErrorRate', team: 'payments', severity: 'page', region: 'eu-west-1' },
      annotations: {
        summary: 'Checkout 5xx rate above 5%',
        runbook_url: 'https://runbooks.internal/checkout',
      },
      startsAt: '2026-11-24T09:00:12.345678901+01:00',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.internal:9090/graph?g0.expr=rate',
      fingerprint: '9f3b1c2d4e5f6a7b',
    },
    {
      status: 'resolved',
      labels: { alertname: 'CheckoutLatency', team: 'payments' },
      annotations: {},
      startsAt: '2026-11-24T07:40:00Z',
      endsAt: '2026-11-24T08:55:00Z',
      generatorURL: 'http://prometheus.internal:9090/graph?g0.expr=latency',
      fingerprint: '0a1b2c3d4e5f6071',
    },
  ],
};

export const grafanaFiring = {
  receiver: 'incidentkit',
  status: 'firing',
  orgId: 1,
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'Queue depth', team: 'orders', zone: 'us-2' },
      annotations: { description: 'Order queue is backing up', summary: 'Order queue above 10k in us-2' },
      startsAt: '2026-11-24T09:01:00.157076+02:00',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'https://grafana.internal/alerting/abc123/edit',
      fingerprint: 'd41d8cd98f00b204',
      silenceURL: 'https://grafana.internal/alerting/silence/new?matchers=alertname%3DQueue',
      dashboardURL: '',
      panelURL: '',
      values: { B: 10432.5, C: 1 },
    },
  ],
  groupLabels: { alertname: 'Queue depth' },
  commonLabels: { alertname: 'Queue depth', team: 'orders', zone: 'us-2' },
  commonAnnotations: { summary: 'Order queue above 10k in us-2' },
  externalURL: 'https://grafana.internal/',
  version: '1',
  groupKey: '{}:{alertname="Queue depth"}',
  truncatedAlerts: 0,
  title: '[FIRING:1] Queue depth (orders us-2)',
  state: 'alerting',
  message: '**Firing**\n\nValue: B=10432.5',
};

export function pagerDutyEvent(eventType: string, overrides: Record<string, unknown> = {}) {
  return {
    event: {
      id: '01DEN2ZZ4YX6X6A9A6ZS9XN4WU',
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: '2026-11-24T09:02:03.456Z',
      agent: {
        html_url: 'https://acme.pagerduty.com/users/PUSER01',
        id: 'PUSER01',
        self: 'https://api.pagerduty.com/users/PUSER01',
        summary: 'On-call Engineer',
        type: 'user_reference',
      },
      client: { name: 'PagerDuty' },
      data: {
        id: 'PINC123',
        type: 'incident',
        self: 'https://api.pagerduty.com/incidents/PINC123',
        html_url: 'https://acme.pagerduty.com/incidents/PINC123',
        number: 42,
        status: eventType === 'incident.resolved' ? 'resolved' : 'triggered',
        incident_key: 'checkout-error-rate',
        created_at: '2026-11-24T09:00:00Z',
        title: 'Checkout error rate above 5%',
        service: {
          html_url: 'https://acme.pagerduty.com/services/PSVC01',
          id: 'PSVC01',
          self: 'https://api.pagerduty.com/services/PSVC01',
          summary: 'Checkout API',
          type: 'service_reference',
        },
        assignees: [],
        escalation_policy: { id: 'PESC01', summary: 'Payments', type: 'escalation_policy_reference' },
        teams: [],
        priority: { id: 'PPRI01', summary: 'P1', type: 'priority_reference' },
        urgency: 'high',
        conference_bridge: null,
        resolve_reason: null,
        ...overrides,
      },
    },
  };
}
