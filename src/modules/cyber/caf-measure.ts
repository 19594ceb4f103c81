import type { Measure } from '../../platform/index.js';
import { assessmentsOf, assessmentView } from '../assessments/index.js';
import { cyber } from './abilities.js';

/** The share of the CAF's outcomes meeting the target profile in the latest organisation-wide CAF assessment. */
export const cafMeasure: Measure = {
  key: 'cyber.caf-outcomes-meeting-profile',
  name: 'CAF outcomes meeting the target profile',
  description: 'Of the outcomes with a target in the latest organisation-wide CAF self-assessment, the share at or above it, as things stand.',
  area: 'Cyber and risk',
  unit: '%',
  direction: 'up',
  userOutcome: false,
  access: cyber.read,
  history: false,
  monthly: async (db, organisationId, months) => {
    const caf = (await assessmentsOf(db, organisationId)).filter((a) => a.framework_key === 'caf');
    const latest = caf.find((a) => a.scope === 'organisation') ?? caf[0];
    if (!latest) return months.map(() => null);
    const { targets } = await assessmentView(db, organisationId, Number(latest.id));
    const share = targets.total ? Math.round((targets.met / targets.total) * 1000) / 10 : null;
    return months.map(() => share);
  },
};
