import { z } from 'zod';
import { organisationRows, ref } from '../../platform/index.js';

export const kpiRecords = { kpi: organisationRows('kpis', { noun: 'KPI', message: 'Choose one of the KPIs' }) };
export const kpiParams = z.object({ id: ref(kpiRecords.kpi, 'There is no such KPI') });
