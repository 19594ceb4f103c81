import { can, type Db, type Panel, type SystemSubject } from '../../../platform/index.js';
import { cyber } from '../abilities.js';
import { severities, severityOrder } from './rules.js';
import { today } from './service.js';
import * as q from './queries.js';

/** A system's open findings by severity on its page in the estate, for those who may read them. */
export async function systemFindingsPanel(db: Db, _dialect: 'sqlite' | 'postgres', subject: SystemSubject): Promise<Panel | null> {
  if (!can(subject.identity, cyber.readVulnerabilities)) return null;
  const on = today();
  const rows = await q.openOnSystem(db, subject.organisationId, subject.systemId, on);
  if (!rows.length) return null;
  const bySeverity = new Map(rows.map((r) => [r.severity, { open: Number(r.open), overdue: Number(r.overdue) }]));
  return {
    title: 'Vulnerabilities',
    template: 'modules/cyber/vulnerabilities/views/system-panel.njk',
    context: {
      systemId: subject.systemId,
      severities: severityOrder.filter((s) => bySeverity.has(s)).map((s) => ({ key: s, name: severities[s], ...bySeverity.get(s)! })),
      overdue: rows.reduce((n, r) => n + Number(r.overdue), 0),
    },
  };
}
