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

// The pure subpaths run anywhere (browsers, workers): nothing they reach, through every chunk they
// import, may be a Node built-in or a database driver; and no subpath imports a driver itself (the
// host passes its client to postgresStore).
const { readFileSync } = await import('node:fs');
const { dirname, join } = await import('node:path');
const { isBuiltin } = await import('node:module');
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;
function bareImports(entry) {
  const seen = new Set();
  const bare = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      if (match[2].startsWith('.')) visit(join(dirname(file), match[2]));
      else bare.add(match[2]);
    }
  };
  visit(entry);
  return [...bare];
}
const isDriver = (s) => s === 'pg' || s.startsWith('pg/') || s.startsWith('@electric-sql/');
const pure = ['lifecycle', 'severity', 'comms', 'postmortem', 'metrics', 'importers'];
for (const subpath of pure) {
  for (const ext of ['js', 'cjs']) {
    const bad = bareImports(`dist/${subpath}/index.${ext}`).filter((s) => isDriver(s) || isBuiltin(s));
    assert.deepEqual(bad, [], `incidentkit/${subpath} (${ext}) must not reach ${bad.join(', ')}`);
  }
}
for (const entry of ['dist/index.js', 'dist/adapters/index.js', 'dist/manager/index.js']) {
  const bad = bareImports(entry).filter(isDriver);
  assert.deepEqual(bad, [], `${entry} must not import a database driver (${bad.join(', ')})`);
}
console.log(`package smoke test: ${pure.length} pure subpaths reach no node: built-in, pg or PGlite`);
