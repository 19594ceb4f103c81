import { z } from 'zod';
import {
  activeMemberEmail,
  anyOf,
  blankToNull,
  isoDate,
  line,
  moneyInput,
  optionalDate,
  optionalLine,
  optionalRef,
  paragraphs,
  ref,
  refs,
  refText,
} from '../../platform/index.js';
import { strategyRecords } from './references.js';
import { effectKeys, ragKeys, stageKeys } from './rules.js';

const text = (max: number) => z.preprocess((v) => v ?? '', paragraphs(max));
const year = z.preprocess(
  blankToNull,
  z.coerce
    .number({ message: 'Enter a year like 2025' })
    .int({ message: 'Enter a year like 2025' })
    .min(2000, 'Enter a year from 2000')
    .max(2100, 'Enter a year before 2100')
    .nullable(),
);

export const strategyInput = z
  .object({
    corporatePlan: text(4000),
    vision: text(4000),
    fromYear: year,
    toYear: year,
  })
  .refine((v) => v.fromYear === null || v.toYear === null || v.toYear >= v.fromYear, {
    message: 'The strategy must end in or after the year it starts',
    path: ['toYear'],
  });
export type StrategyInput = z.output<typeof strategyInput>;

export const priorityInput = z.object({
  title: line(200, { required: 'Give the priority in the corporate plan’s words, like “Tackling climate change”' }),
  description: text(2000),
});
export type PriorityInput = z.output<typeof priorityInput>;

export const objectiveInput = z.object({
  title: line(200, { required: 'Say what the objective is, like “Residents can do the things they most often need online”' }),
  description: text(4000),
  owner: optionalLine(200),
  priorityIds: refs(strategyRecords.priority),
});
export type ObjectiveInput = z.output<typeof objectiveInput>;

const figure = (label: string, example: number) =>
  z.preprocess(
    blankToNull,
    z.coerce
      .number({ message: `Enter the ${label} as a number, like 62 or 4.5, without its unit` })
      .min(-1e12, `Enter the ${label} as a number`)
      .max(1e12, `Enter the ${label} as a number`)
      .meta({ example })
      .nullable(),
  );
export const measureInput = z
  .object({
    name: line(200, { required: 'Name the measure, like “Share of council tax payments made online”' }),
    unit: optionalLine(30),
    direction: z.enum(['up', 'down'], { message: 'Say whether more is better or less is' }),
    baseline: figure('baseline', 40),
    baselineOn: z.preprocess(blankToNull, isoDate('Enter the day of the baseline as YYYY-MM-DD').meta({ example: '2025-04-01' }).nullable()),
    target: figure('target', 80),
    targetOn: z.preprocess(blankToNull, isoDate('Enter the day the target is for as YYYY-MM-DD').meta({ example: '2029-03-31' }).nullable()),
    current: figure('current value', 55),
    currentOn: optionalDate('Enter the day of the current value as YYYY-MM-DD'),
  })
  .refine((v) => !v.baselineOn || !v.targetOn || v.targetOn > v.baselineOn, { message: 'The target must be for a day after the baseline', path: ['targetOn'] })
  .refine((v) => v.baseline === null || v.target === null || v.target !== v.baseline, { message: 'The target must differ from the baseline', path: ['target'] })
  .refine((v) => v.baseline === null || v.target === null || (v.direction === 'up' ? v.target > v.baseline : v.target < v.baseline), {
    message: 'The target must be better than the baseline: higher when more is better, lower when less is',
    path: ['target'],
  });
export type MeasureInput = z.output<typeof measureInput>;

export const projectInput = z
  .object({
    title: line(200, { required: 'Give the project’s name, like “Replace the social care case management system”' }),
    kind: z.enum(['project', 'programme'], { message: 'Say whether it is a project or a programme' }),
    programmeId: optionalRef(strategyRecords.project, 'Choose the programme from the roadmap'),
    description: text(4000),
    objectiveId: optionalRef(strategyRecords.objective),
    sponsor: optionalLine(200),
    manager: z
      .union([
        z.literal(''),
        refText(activeMemberEmail, { max: 254, message: 'Give the manager’s email: one of the organisation’s people', normalise: (s) => s.toLowerCase() }),
      ])
      .optional(),
    stage: z.enum(stageKeys, { message: 'Choose the stage from the list' }),
    rag: z.enum(ragKeys, { message: 'Choose red, amber or green' }),
    ragReason: text(2000),
    startOn: optionalDate('Enter the start date as YYYY-MM-DD'),
    endOn: optionalDate('Enter the end date as YYYY-MM-DD'),
    budget: moneyInput('budget', { example: 250000, max: 1e10 }),
    spend: moneyInput('spend so far', { example: 120000, max: 1e10 }),
    expectedBenefits: text(4000),
    realisedBenefits: text(4000),
  })
  .refine((v) => !v.startOn || !v.endOn || v.endOn >= v.startOn, { message: 'The project must end on or after the day it starts', path: ['endOn'] })
  .refine((v) => v.rag === 'green' || v.ragReason.trim() !== '', { message: 'Say why it is red or amber', path: ['ragReason'] })
  .refine((v) => v.kind === 'project' || !v.programmeId, { message: 'A programme is not part of another programme', path: ['programmeId'] });
export type ProjectInput = z.output<typeof projectInput>;

export const milestoneInput = z.object({
  title: line(200, { required: 'Name the milestone, like “Go live for adult social care”' }),
  dueOn: isoDate('Enter the day it is due as YYYY-MM-DD'),
});
export const sprintReviewInput = z.object({
  reviewOn: isoDate('Enter the day of the review as YYYY-MM-DD'),
  sprint: line(100, { required: 'Name the sprint, like “Sprint 14”' }),
  shown: text(4000),
  feedback: text(4000),
  nextSteps: text(4000),
});
export type SprintReviewInput = z.output<typeof sprintReviewInput>;
export const dependencyInput = z.object({ dependsOnId: ref(strategyRecords.project, 'Choose the project it depends on') });
export const systemEffectInput = z.object({
  system: line(200, { required: 'Give the system’s name or identifier, as the register has it' }),
  effect: z.enum(effectKeys, { message: 'Say whether the project introduces, changes or retires it' }),
});
export const linkInput = z.object({
  kind: line(40, { required: 'Choose what kind of record to link' }),
  words: line(200, { required: 'Say which record: its reference or its name' }),
});

export const roadmapQuery = z.object({
  stage: anyOf(z.enum(stageKeys, { message: 'Choose a stage from the list' })),
  rag: anyOf(z.enum(ragKeys, { message: 'Choose red, amber or green' })),
  objective: anyOf(ref(strategyRecords.objective)),
});

export const noFieldsForm = z.object({});
export const newProjectQuery = z.object({ title: optionalLine(200).optional(), description: z.preprocess((v) => v ?? '', paragraphs(4000)).optional() });
