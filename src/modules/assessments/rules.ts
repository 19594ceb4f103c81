import { own, type Dict } from '../../platform/index.js';
import type { DerivationRule, Level } from './frameworks/tree.js';

/** How many of a tier's indicators hold: none (or the tier is empty), some, or all. */
export type Quantity = 'none' | 'some' | 'all';

export function quantityOf(total: number, holding: number): Quantity {
  if (total === 0 || holding === 0) return 'none';
  return holding === total ? 'all' : 'some';
}

/**
 * The status an assessable node's answers give under its rule: `tiers` is, for each tier, how
 * many indicators it has and how many the assessor says hold. Null for a rule the assessor
 * chooses by hand.
 */
export function derivedStatus(rule: DerivationRule, tiers: Dict<{ total: number; holding: number }>): string | null {
  if (rule.kind === 'chosen') return null;
  if (rule.kind === 'table') {
    const key = rule.order.map((t) => quantityOf(own(tiers, t)?.total ?? 0, own(tiers, t)?.holding ?? 0)).join('_');
    return own(rule.statuses, key) ?? null;
  }
  for (const step of rule.steps) {
    const t = own(tiers, step.tier);
    if (!t || t.total === 0) continue;
    if (step.holds === 'any' ? t.holding > 0 : t.holding === t.total) return step.status;
  }
  return rule.otherwise;
}

/** Whether a status reaches a target on the scale; no target means nothing is asked. */
export function meetsTarget(scale: Level[], status: string | null, target: string | null | undefined): boolean | null {
  if (!target) return null;
  if (!status) return false;
  const rank = (k: string) => scale.find((s) => s.key === k)?.rank ?? 0;
  return rank(status) >= rank(target);
}

/** The status that counts: an override (with its justification) over what the answers give. */
export const statusOf = (o: { computed: string | null; override: string | null }) => o.override ?? o.computed;
