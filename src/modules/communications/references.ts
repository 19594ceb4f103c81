import { z } from 'zod';
import { organisationRows, ref, serviceAreaRecord } from '../../platform/index.js';

export const communicationRecords = {
  component: organisationRows('status_components', { noun: 'status page component', message: 'Choose from the services on the status page' }),
  incident: organisationRows('status_incidents', { noun: 'status incident', message: 'There is no such problem on the status page' }),
  maintenance: organisationRows('status_maintenance', { noun: 'planned work', message: 'There is no such planned work' }),
  post: organisationRows('posts', { noun: 'post', message: 'There is no such post' }),
  serviceArea: serviceAreaRecord,
};
export const componentParams = z.object({ id: ref(communicationRecords.component, 'There is no such component') });
export const incidentParams = z.object({ id: ref(communicationRecords.incident, 'There is no such problem') });
export const maintenanceParams = z.object({ id: ref(communicationRecords.maintenance, 'There is no such planned work') });
export const postParams = z.object({ id: ref(communicationRecords.post, 'There is no such post') });
/** A record a module offers for the progress page: its kind (`decision`, `kpi`, `project`) and id, checked against what is offered. */
export const progressItemParams = z.object({
  kind: z.string().max(40).meta({ example: 'decision' }),
  recordId: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 53)
    .meta({ example: 1 }),
});
