import type { Identity, MeasureUnit, ProgressSource, ProgressState } from '../../platform/index.js';
import { kpiFigures } from './service.js';

const stateOf: Record<string, ProgressState> = { met: 'met', near: 'near', missed: 'missed', unknown: 'no-figure' };

/** KPIs with their latest figure and whether they meet their target, what residents get first. */
export const kpiProgress: ProgressSource = {
  kind: 'kpi',
  title: { en: 'How our services are doing', cy: 'Sut mae ein gwasanaethau’n perfformio' },
  order: 20,
  candidates: async (db, organisationId) => {
    // The council publishes a KPI's figure, whoever reads the page: read as a viewer, who may read every measure.
    const reader: Identity = {
      person: { id: 0, email: '', displayName: 'The public' },
      organisation: { id: organisationId, name: '', type: 'unitary', isDemo: false },
      role: 'viewer',
      organisationCount: 1,
      via: 'session',
    };
    return (await kpiFigures(db, reader)).map((k) => ({
      id: k.id,
      title: k.name,
      summary: '',
      state: k.status === 'met' || k.status === 'near' || k.status === 'missed' ? stateOf[k.status]! : 'no-figure',
      on: null,
      ...(k.value === null ? {} : { figure: { value: k.value, unit: k.unit as MeasureUnit } }),
      ...(k.target === null ? {} : { target: { value: k.target, unit: k.unit as MeasureUnit, direction: k.direction } }),
      href: `/kpis/${k.id}`,
    }));
  },
};
