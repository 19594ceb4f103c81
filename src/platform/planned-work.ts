import type { Db } from './audit/audit.js';

/**
 * Work planned on council services and systems that staff and residents should hear about before
 * it happens (a change approved by the CAB, a supplier's upgrade). The status page shows every
 * offered window beside the maintenance it keeps itself, so the module that plans the work does
 * not import it.
 */
export interface PlannedWindow {
  /** Unique within its source, so the page can link and feeds can tell updates apart. */
  key: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  /** What it touches: catalogue services and estate systems, matched to the status page's components. */
  serviceIds: number[];
  systemIds: number[];
}

export interface PlannedWorkSource {
  name: string;
  windows: (db: Db, organisationId: number, from: string, to: string) => Promise<PlannedWindow[]>;
}

let offered: PlannedWorkSource[] = [];
export function offerPlannedWork(sources: PlannedWorkSource[]) {
  offered = [...sources];
}
export const plannedWorkSources = () => offered;
