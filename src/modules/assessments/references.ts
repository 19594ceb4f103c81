import { z } from 'zod';
import { isoDate, line, organisationRows, paragraphs, ref, refs, upload } from '../../platform/index.js';
import { assuranceKinds, assessmentStates } from './service.js';

/** What a form or the API can name among frameworks and assessments, each resolved inside the caller's organisation. */
export const assessmentRecords = {
  framework: organisationRows('frameworks', { noun: 'framework', message: 'Choose one of the frameworks' }),
  assessment: organisationRows('assessments', { noun: 'assessment', message: 'Choose one of the assessments' }),
  node: organisationRows('framework_nodes', { noun: 'outcome', message: 'There is no such outcome' }),
  indicator: organisationRows('framework_indicators', { noun: 'indicator', message: 'Tick only the indicators shown' }),
  action: organisationRows('assessment_actions', { noun: 'action', message: 'There is no such action' }),
  evidence: organisationRows('assessment_evidence', { noun: 'evidence', message: 'There is no such evidence' }),
};

export const frameworkParams = z.object({ id: ref(assessmentRecords.framework, 'There is no such framework') });
export const assessmentParams = z.object({ id: ref(assessmentRecords.assessment, 'There is no such assessment') });
export const outcomeParams = z.object({
  id: ref(assessmentRecords.assessment, 'There is no such assessment'),
  outcome: ref(assessmentRecords.node, 'There is no such outcome'),
});

export const frameworkUpload = z.object({
  file: upload('Choose the framework file (YAML or JSON)'),
  version: z.union([z.literal(''), line(20)]).optional(),
});

export const newAssessmentForm = z.object({
  frameworkId: ref(assessmentRecords.framework, 'Choose the framework to assess against'),
  title: line(200, { required: 'Give the assessment a title, such as “CAF self-assessment 2026 to 2027”' }),
  scope: z.enum(['organisation', 'essential-function'], { message: 'Say what the assessment covers' }),
  scopeDescription: z.union([z.literal(''), paragraphs(2000)]).optional(),
  profileKey: z.union([z.literal(''), line(60)]).optional(),
  periodStart: isoDate('Enter the start of the period as YYYY-MM-DD'),
  periodEnd: isoDate('Enter the end of the period as YYYY-MM-DD'),
  assurance: z.enum(Object.keys(assuranceKinds) as [keyof typeof assuranceKinds], { message: 'Say what kind of assessment it is' }),
  previousId: z.union([z.literal(''), ref(assessmentRecords.assessment, 'Choose one of the assessments to carry forward')]).optional(),
});

export const outcomeForm = z.object({
  holding: refs(assessmentRecords.indicator),
  rating: z.union([z.literal(''), line(60)]).optional(),
  override: z.union([z.literal(''), line(60)]).optional(),
  justification: z.union([z.literal(''), paragraphs(4000)]).optional(),
  comment: z.union([z.literal(''), paragraphs(4000)]).optional(),
  evidence: z.union([z.literal(''), paragraphs(4000)]).optional(),
});

export const moveForm = z.object({
  to: z.enum(Object.keys(assessmentStates) as [keyof typeof assessmentStates], { message: 'Choose where the assessment goes next' }),
});

export const actionParams = z.object({
  id: ref(assessmentRecords.assessment, 'There is no such assessment'),
  action: ref(assessmentRecords.action),
});

export const actionForm = z.object({
  title: line(300, { required: 'Say what will be done' }),
  owner: z.union([z.literal(''), line(200)]).optional(),
  due: z.union([z.literal(''), isoDate('Enter the date it is due as YYYY-MM-DD')]).optional(),
});

export const evidenceParams = z.object({
  id: ref(assessmentRecords.assessment, 'There is no such assessment'),
  evidence: ref(assessmentRecords.evidence, 'There is no such evidence'),
});

export const evidenceFileForm = z.object({
  fileTitle: z.union([z.literal(''), line(300)]).optional(),
  file: upload('Choose the file that shows it'),
});

export const evidenceLinkForm = z.object({
  linkTitle: line(300, { required: 'Say what the link is, such as “Incident response plan on the intranet”' }),
  url: line(2000, { required: 'Enter the link’s address, starting https://' })
    .refine(isWebAddress, { message: 'Enter a web address starting https:// or http://' })
    .meta({ example: 'https://intranet.example/policies/information-security' }),
});

export const evidenceRecordForm = z.object({
  kind: line(40, { required: 'Choose what kind of record it is' }),
  words: line(300, { required: 'Name the record' }),
});

/** A link people can follow: http or https, with a host. */
export function isWebAddress(text: string) {
  try {
    const u = new URL(text);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname;
  } catch {
    return false;
  }
}

export const profileParams = z.object({
  id: ref(assessmentRecords.framework, 'There is no such framework'),
  // The example is the profile of the framework the demo imports last (a maturity self-assessment's target), so the corpus reaches the form.
  profile: line(60, { required: 'There is no such profile' }).meta({ example: 'target' }),
});

export const profileForm = z.object({
  name: line(100, { required: 'Give the profile a name, such as “Eastwold target 2026 to 2027”' }),
  seedFrom: z.union([z.literal(''), line(80)]).optional(),
});

export const profileTargetsForm = z.object({
  target: z
    .union([line(80), z.array(line(80)).max(5000, 'Set up to 5,000 targets at a time')])
    .optional()
    .transform((v) => (v === undefined ? [] : [v].flat())),
});

export const actionStatusForm = z.object({ status: z.enum(['open', 'done'], { message: 'Say whether the action is done' }) });
