import { z } from 'zod';
import { organisationRows, paragraphs, ref } from '../../platform/index.js';

export const cyberRecords = {
  essentialFunction: organisationRows('essential_functions', { noun: 'essential function', message: 'There is no such essential function' }),
  risk: organisationRows('risks', { noun: 'risk', message: 'There is no such risk' }),
};
export const riskParams = z.object({ id: ref(cyberRecords.risk) });
export const essentialFunctionParams = z.object({ id: ref(cyberRecords.essentialFunction) });
export const functionSystemsForm = z.object({ systems: z.union([z.literal(''), paragraphs(20_000)]).optional() });
export const findingRecords = {
  finding: organisationRows('vulnerability_findings', { noun: 'vulnerability finding', message: 'There is no such finding' }),
};
export const findingParams = z.object({ id: ref(findingRecords.finding) });
