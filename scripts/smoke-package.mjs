// After `npm run build`: load the built package the way users do — ESM import and CJS require,
// through the package's own "exports" map (self-reference by name) — and walk one incident.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const subpaths = [
  '',
  '/lifecycle',
  '/severity',
  '/comms',
  '/postmortem',
  '/metrics',
  '/adapters',
  '/manager',
  '/importers',
];

for (const subpath of subpaths) {
  const esm = await import(`incidentkit${subpath}`);
  const cjs = require(`incidentkit${subpath}`);
  assert.deepEqual(
    Object.keys(esm).sort(),
    Object.keys(cjs).sort(),
    `ESM and CJS export the same names for incidentkit${subpath}`,
  );
}

for (const kit of [await import('incidentkit'), require('incidentkit')]) {
  const { incident } = kit.declareIncident({
    incidentId: 'INC-1',
    title: 'Smoke',
    at: '2026-11-24T09:00:00Z',
    severity: 'SEV4',
  });
  const acked = kit.applyEvent(incident, { type: 'ACKNOWLEDGE', at: '2026-11-24T09:01:00Z' });
  assert.equal(acked.phase, 'triage');
  assert.throws(
    () => kit.applyEvent(acked, { type: 'CLOSE', at: '2026-11-24T09:02:00Z' }),
    (error) => kit.isIncidentKitError(error) && error.code === 'INVALID_TRANSITION',
  );
}
const { classify } = require('incidentkit/severity');
assert.equal(classify(undefined, { dataLoss: true }).severity, 'SEV1');
console.log(
  `package smoke test: ${subpaths.length} subpaths load as ESM and CJS with the same exports; lifecycle works from dist`,
);
