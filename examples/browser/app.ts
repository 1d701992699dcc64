/**
 * The browser example's script: the pure modules (severity, comms, and the lifecycle's
 * `declareIncident`) run in the page, bundled by esbuild (see build.ts). The impact typed into
 * the form is classified by the default policy, and the public status-page update it would get is
 * previewed, rendered by `renderMessage(…, 'html')` (which escapes everything it is given).
 */
import { renderMessage, statusPageUpdate } from '../../src/comms/index.js';
import { declareIncident } from '../../src/lifecycle/index.js';
import { type Impact, isIncidentKitError } from '../../src/model/index.js';
import { classify, defaultSeverityPolicy } from '../../src/severity/index.js';

const form = document.querySelector<HTMLFormElement>('#impact')!;
const severity = document.querySelector<HTMLElement>('#severity')!;
const reasons = document.querySelector<HTMLUListElement>('#reasons')!;
const preview = document.querySelector<HTMLElement>('#preview')!;
const problem = document.querySelector<HTMLElement>('#error')!;

function impactFromForm(data: FormData): Impact {
  const flag = (name: string) => data.get(name) === 'on';
  const pct = String(data.get('usersAffectedPct') ?? '').trim();
  return {
    customerFacing: flag('customerFacing'),
    degraded: flag('degraded'),
    coreFunctionalityDown: flag('coreFunctionalityDown'),
    dataLoss: flag('dataLoss'),
    securityBreach: flag('securityBreach'),
    ...(pct === '' ? {} : { usersAffectedPct: Number(pct) }),
  };
}

function update(): void {
  const data = new FormData(form);
  problem.textContent = '';
  try {
    const impact = impactFromForm(data);
    const classification = classify(impact, { policy: defaultSeverityPolicy });
    severity.textContent = classification.severity;
    reasons.replaceChildren(
      ...classification.reasons.map((reason) =>
        Object.assign(document.createElement('li'), { textContent: reason }),
      ),
    );
    const services = String(data.get('services') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const message = String(data.get('message') ?? '').trim();
    const { incident } = declareIncident({ title: 'Preview', at: Date.now(), impact, services });
    const statusPage = statusPageUpdate(incident, message === '' ? {} : { message });
    preview.innerHTML = renderMessage(statusPage, 'html') as string;
  } catch (error) {
    if (!isIncidentKitError(error)) throw error;
    problem.textContent = `${error.issues[0]?.path ?? ''}: ${error.issues[0]?.message ?? error.message}`;
  }
}

form.addEventListener('input', update);
update();
document.documentElement.dataset.ready = 'true';
