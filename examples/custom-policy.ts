/**
 * A severity policy kept in a JSON file next to the code (reviewed like code), loaded and validated
 * with `defineSeverityPolicy`; then the policy is made stricter (same id, a new version) and the
 * incidents already stored under the old one still replay exactly as they were decided, while new
 * decisions follow the new rules.
 */
import { readFileSync } from 'node:fs';
import {
  classify,
  createIncidentManager,
  defineSeverityPolicy,
  isIncidentKitError,
  memoryStore,
  replay,
  type SeverityPolicyConfig,
} from '../src/index.js';

const config = JSON.parse(
  readFileSync(new URL('./custom-policy.json', import.meta.url), 'utf8'),
) as SeverityPolicyConfig;
const policy = defineSeverityPolicy(config);
console.log(`policy ${policy.id}@${policy.version}: ${policy.rules.length} rules`);

// A typo in the file is caught when it is loaded, naming the rule.
try {
  defineSeverityPolicy({ ...config, rules: [{ ...config.rules![0]!, severity: 'SEV9' }] });
} catch (error) {
  if (!isIncidentKitError(error, 'INVALID_INPUT')) throw error;
  console.log(`a broken copy is refused: ${error.message}`);
}

const store = memoryStore({ policy });
const v1 = createIncidentManager({ store, policy });
const impact = { customerFacing: true, degraded: true, usersAffectedPct: 12, regions: ['eu-west-1'] };
const slow = await v1.declare({ title: 'EU checkout slow', impact });
await v1.acknowledge(slow.id, { by: 'alice' });
await v1.assignRole(slow.id, { role: 'commander', assignee: 'alice' });
await v1.triage(slow.id, { severity: slow.severity! });
console.log(`under ${policy.version}: "${slow.title}" is ${slow.severity}, triaged with a commander only`);

// Stricter: anything degraded in the EU is SEV2 now, and SEV3 needs a comms lead too.
const stricter = defineSeverityPolicy({
  ...config,
  version: '2026-12',
  rules: [
    {
      id: 'eu-degraded',
      severity: 'SEV2',
      when: {
        all: [
          { field: 'regions', in: ['eu-west-1', 'eu-central-1'] },
          { field: 'degraded', eq: true },
        ],
      },
    },
    ...config.rules!,
  ],
  requirements: { SEV3: { updateEveryMinutes: 60, requiredRoles: ['commander', 'commsLead'] } },
});
console.log(
  `policy ${stricter.id}@${stricter.version}: ${stricter.rules.length} rules; the same impact is now ${classify(impact, { policy: stricter }).severity}`,
);

// The stored incident replays from its events exactly as decided: facts are not re-judged.
const { events } = await store.load(slow.id);
const replayed = replay(events, { policy: stricter });
const stored = await store.get(slow.id);
console.log(
  `replayed under ${stricter.version}: ${replayed.severity}, ${replayed.phase}, v${replayed.version} (stored: ${stored?.severity}, ${stored?.phase}, v${stored?.version}), stamped ${replayed.policy?.id}@${replayed.policy?.version}`,
);

// New decisions follow the new version: a new incident with the same impact is SEV2, and a SEV3
// cannot be triaged with a commander alone any more …
const v2 = createIncidentManager({ store, policy: stricter });
const next = await v2.declare({ title: 'EU search slow', impact });
console.log(`declared under ${stricter.version}: "${next.title}" is ${next.severity}`);
const minor = await v2.declare({ title: 'Avatars missing', impact: { customerFacing: true } });
await v2.acknowledge(minor.id, { by: 'bob' });
await v2.assignRole(minor.id, { role: 'commander', assignee: 'bob' });
try {
  await v2.triage(minor.id, { severity: 'SEV3' });
} catch (error) {
  if (!isIncidentKitError(error, 'GUARD_REJECTED')) throw error;
  console.log(`"${minor.title}" (${minor.severity}): ${error.message}`);
}
// … while the old incident keeps what was decided and carries on.
const mitigated = await v2.mitigate(slow.id, { summary: 'Shifted traffic to us-east-1' });
console.log(`"${slow.title}" carries on: ${mitigated.phase}, still ${mitigated.severity}`);
