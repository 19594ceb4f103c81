import { z } from 'zod';
import { organisationRows, ref } from '../../platform/index.js';

export const budgetRecords = {
  line: organisationRows('budget_lines', { noun: 'budget line', message: 'Choose one of the budget lines' }),
  actual: organisationRows('budget_actuals', { noun: 'actual', message: 'There is no such actual' }),
};
export const lineParams = z.object({ id: ref(budgetRecords.line, 'There is no such budget line') });
export const actualParams = z.object({ id: ref(budgetRecords.line, 'There is no such budget line'), actual: ref(budgetRecords.actual) });
