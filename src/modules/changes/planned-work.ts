import type { PlannedWorkSource } from '../../platform/index.js';
import { plannedBetween, systemsOfChanges } from './queries.js';
import { earliestStartFor } from './service.js';

/** Approved and scheduled changes, for the status page's planned maintenance. */
export const approvedChanges: PlannedWorkSource = {
  name: 'changes',
  windows: async (db, organisationId, from, to) => {
    const rows = await plannedBetween(db, organisationId, from, to, earliestStartFor(from));
    const systems = await systemsOfChanges(
      db,
      organisationId,
      rows.map((r) => Number(r.id)),
    );
    return rows.map((r) => ({
      key: r.reference,
      title: r.title,
      description: r.communication_plan || r.description,
      startsAt: r.planned_start!,
      endsAt: r.planned_end!,
      serviceIds: [],
      systemIds: systems.get(Number(r.id)) ?? [],
    }));
  },
};
