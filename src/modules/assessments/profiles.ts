import { auditedWrite, dict, keyFromName, own, UserError, type Actor, type Db } from '../../platform/index.js';
import * as q from './queries.js';
import { frameworksOf, loadFramework, type LoadedFramework } from './service.js';

const changedMeanwhile = () => new UserError('Someone else changed this framework’s profiles at the same moment: look at them again and save', { status: 409 });

/** The profiles a new one can start from: this framework's and those of other versions of it, matched by identifier. */
export async function seedChoices(db: Db, organisationId: number, framework: LoadedFramework) {
  const same = (await frameworksOf(db, organisationId)).filter((f) => f.key === framework.key);
  const out: { value: string; text: string }[] = [];
  for (const f of same) {
    const loaded = await loadFramework(db, organisationId, Number(f.id));
    for (const p of loaded.definition.profiles) out.push({ value: `${loaded.id}:${p.key}`, text: `${p.name} (${loaded.name} ${loaded.version})` });
  }
  return out;
}

/**
 * A council's own profile: a target per outcome, seeded from an existing profile by outcome
 * identifier (so a 4.0 profile starts from the 3.2 one and leaves the new outcomes to set), or empty.
 */
export async function addProfile(db: Db, actor: Actor, organisationId: number, frameworkId: number, input: { name: string; seedFrom: string }) {
  const f = await loadFramework(db, organisationId, frameworkId);
  if (f.definition.profiles.some((p) => p.name.toLowerCase() === input.name.trim().toLowerCase()))
    throw new UserError(`${f.name} ${f.version} already has a profile called ${input.name}`, { field: 'name' });
  let seeded = new Map<string, string>();
  let seededFrom: string | undefined;
  if (input.seedFrom) {
    const [idText, key] = input.seedFrom.split(':');
    const choice = (await seedChoices(db, organisationId, f)).find((c) => c.value === input.seedFrom);
    if (!choice || !key) throw new UserError('Choose one of the profiles listed, or none', { field: 'seedFrom' });
    const source = await loadFramework(db, organisationId, Number(idText));
    seeded = new Map(source.nodes.flatMap((n) => (own(n.targets, key) ? [[n.code, own(n.targets, key)!] as const] : [])));
    seededFrom = choice.text;
  }
  const key = keyFromName(
    input.name,
    f.definition.profiles.map((p) => p.key),
    { fallback: 'profile' },
  );
  const scale = new Set(f.definition.scale.map((s) => s.key));
  const changed = f.nodes
    .filter((n) => n.assessable && seeded.has(n.code) && scale.has(seeded.get(n.code)!))
    .map((n) => ({ id: n.id, targetsJson: JSON.stringify(dict([...Object.entries(n.targets), [key, seeded.get(n.code)!] as const])) }));
  const definition = {
    ...f.definition,
    profiles: [...f.definition.profiles, { key, name: input.name.trim(), own: true, ...(seededFrom ? { seededFrom } : {}) }],
  };
  await auditedWrite(db, actor, async (tx, audit) => {
    if (!(await q.saveProfiles(tx, f.id, f.profilesVersion, JSON.stringify(definition), changed))) throw changedMeanwhile();
    await audit.created(
      'framework_profile',
      `${f.id}:${key}`,
      { framework: `${f.name} ${f.version}`, name: input.name, seededFrom: seededFrom ?? null, targets: changed.length },
      `Made the profile ${input.name} for ${f.name} ${f.version}${seededFrom ? `, from ${seededFrom} (${changed.length} targets)` : ''}`,
      organisationId,
    );
  });
  const unset = f.nodes.filter((n) => n.assessable).length - changed.length;
  return { key, targets: changed.length, unset };
}

/** New targets for a profile made in Steward: `targets` maps outcome ids to a status on the scale, or '' for none. */
export async function setProfileTargets(db: Db, actor: Actor, organisationId: number, frameworkId: number, profileKey: string, targets: Map<number, string>) {
  const f = await loadFramework(db, organisationId, frameworkId);
  const profile = f.definition.profiles.find((p) => p.key === profileKey);
  if (!profile) throw new UserError('There is no such profile');
  if (!profile.own) throw new UserError(`${profile.name} is as the framework file gives it: make a profile of your own from it to change its targets`);
  const scale = new Set(f.definition.scale.map((s) => s.key));
  const problems: string[] = [];
  for (const [id, status] of targets) {
    const node = f.byId.get(id);
    if (!node?.assessable) problems.push('Set targets only for the outcomes listed');
    else if (status && !scale.has(status)) problems.push(`Choose a target for ${node.code} from the list`);
  }
  if (problems.length) throw new UserError(problems[0]!, { field: 'target' });
  const before = dict<string>();
  const after = dict<string>();
  const changed: { id: number; targetsJson: string }[] = [];
  for (const [id, status] of targets) {
    const node = f.byId.get(id)!;
    const was = own(node.targets, profileKey) ?? '';
    if (was === status) continue;
    const next = dict<string>(Object.entries(node.targets));
    if (status) next[profileKey] = status;
    else delete next[profileKey];
    changed.push({ id, targetsJson: JSON.stringify(next) });
    before[node.code] = was || 'none';
    after[node.code] = status || 'none';
  }
  if (!changed.length) return { profile: profile.name, changed: 0 };
  await auditedWrite(db, actor, async (tx, audit) => {
    if (!(await q.saveProfiles(tx, f.id, f.profilesVersion, JSON.stringify(f.definition), changed))) throw changedMeanwhile();
    await audit.updated(
      'framework_profile',
      `${f.id}:${profileKey}`,
      before,
      after,
      `Changed ${changed.length === 1 ? 'one target' : `${changed.length} targets`} of the profile ${profile.name} (${f.name} ${f.version})`,
      organisationId,
    );
  });
  return { profile: profile.name, changed: changed.length };
}
