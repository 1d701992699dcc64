import type { Impact } from '../model/index.js';

/** One alert from a monitoring tool, as the manager's `signal` takes it. */
export interface Signal {
  /** The tool: `'alertmanager'`, `'grafana'`, `'pagerduty'`, or a host's own. */
  readonly source: string;
  /** The alert's stable identity (its fingerprint): a flapping alert stays one incident. */
  readonly dedupKey: string;
  readonly status: 'firing' | 'resolved';
  readonly title: string;
  /** Epoch ms. */
  readonly at: number;
  readonly impact?: Impact | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
}
