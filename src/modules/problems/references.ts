import { z } from 'zod';
import { organisationRows, ref, refText } from '../../platform/index.js';
import { problemNumber, problemReference } from './rules.js';

export const problemRecords = {
  problem: organisationRows<string>('problems', { noun: 'problem', message: 'There is no such problem', column: 'reference' }),
  problemId: organisationRows('problems', { noun: 'problem', message: 'There is no such problem' }),
  proposal: organisationRows('problem_proposals', { noun: 'proposed problem', message: 'There is no such proposed problem' }),
};

/** A reference as typed (`prb 42`, `PRB-000042`) as stored. */
export const normaliseProblemReference = (typed: string) => {
  const n = problemNumber(typed);
  return n === null ? typed : problemReference(n);
};

/** A problem named in a path by its reference (PRB-000042), resolved inside the organisation. */
export const problemParams = z.object({
  reference: refText(problemRecords.problem, { max: 20, normalise: normaliseProblemReference }).meta({ example: 'PRB-000001' }),
});
export const proposalParams = z.object({ id: ref(problemRecords.proposal, 'There is no such proposed problem') });
