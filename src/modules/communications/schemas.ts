import { z } from 'zod';
import { blankToNull, line, optionalLine, optionalRef, paragraphs, refs } from '../../platform/index.js';
import { deskRecords } from '../service-desk/index.js';
import { estateRecords } from '../estate/index.js';
import { communicationRecords } from './references.js';
import { impacts, incidentStates } from './rules.js';

const yes = z.preprocess((v) => v === 'yes' || v === true || v === 'true', z.boolean());
const optionalParagraphs = (max: number) => z.preprocess((v) => v ?? '', z.union([z.literal(''), paragraphs(max)]));

export const componentInput = z.object({
  name: line(120, { required: 'Enter the name people know the service by, like “Council tax online”' }),
  nameCy: optionalLine(120),
  description: optionalLine(300),
  descriptionCy: optionalLine(300),
  group: optionalLine(80),
  groupCy: optionalLine(80),
  serviceId: optionalRef(deskRecords.service, 'Choose one of the services in the catalogue'),
  systemId: optionalRef(estateRecords.system, 'Choose one of the systems in the estate'),
  public: yes,
});

const dateTime = (label: string) =>
  z
    .string({ message: `Enter when the work ${label}` })
    .trim()
    .max(40, `Enter when the work ${label}, like 2026-12-12T18:00`)
    .regex(/^20\d\d-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?$/, `Enter when the work ${label}, like 2026-12-12T18:00`)
    .refine((v) => !Number.isNaN(Date.parse(v)), `Enter a real day and time when the work ${label}`)
    .meta({ example: '2027-01-09T18:00' });

export const incidentInput = z.object({
  title: line(160, { required: 'Say what is wrong in a few words residents and staff understand' }),
  titleCy: optionalLine(160),
  impact: z.enum(impacts, { message: 'Choose how bad it is' }),
  componentIds: refs(communicationRecords.component, 'Choose the services affected'),
  state: z.enum(incidentStates, { message: 'Choose where things stand' }),
  body: paragraphs(2000, { required: 'Say what people will notice and what to do meanwhile' }),
  bodyCy: optionalParagraphs(2000),
  internalNote: optionalParagraphs(2000),
  public: yes,
});

export const updateInput = z.object({
  state: z.enum(incidentStates, { message: 'Choose where things stand' }),
  impact: z.enum(impacts, { message: 'Choose how bad it is now' }),
  body: paragraphs(2000, { required: 'Say what has changed' }),
  bodyCy: optionalParagraphs(2000),
  internalNote: optionalParagraphs(2000),
});

export const maintenanceInput = z.object({
  title: line(160, { required: 'Say what the work is, like “Council tax online upgrade”' }),
  titleCy: optionalLine(160),
  body: optionalParagraphs(2000),
  bodyCy: optionalParagraphs(2000),
  startsAt: dateTime('starts'),
  endsAt: dateTime('ends'),
  componentIds: refs(communicationRecords.component, 'Choose the services the work affects'),
  public: yes,
});

export const publicPageInput = z.object({
  shortName: line(40, { required: 'Enter the short name for the public pages’ addresses, like eastwold' }).meta({ example: 'westmere' }),
  name: line(120, { required: 'Enter the council’s name as the public should read it' }),
  nameCy: optionalLine(120),
  about: optionalParagraphs(600),
  aboutCy: optionalParagraphs(600),
  colour: line(7, { required: 'Enter the council’s colour, like #1d70b8' }).meta({ example: '#1d70b8' }),
  welsh: yes,
});

export const postInput = z.object({
  title: line(160, { required: 'Give the post a title' }),
  titleCy: optionalLine(160),
  body: paragraphs(20000, { required: 'Write the post' }),
  bodyCy: optionalParagraphs(20000),
  audience: z.enum(['all', 'it', 'area'], { message: 'Choose who the post is for' }),
  serviceAreaId: optionalRef(communicationRecords.serviceArea, 'Choose one of the council’s directorates'),
  public: yes,
  publish: z.enum(['draft', 'now', 'later'], { message: 'Choose when to publish' }),
  publishAt: z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .max(40, 'Enter when to publish, like 2026-12-14T09:00')
      .regex(/^20\d\d-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/, 'Enter when to publish, like 2026-12-14T09:00')
      .refine((v) => !Number.isNaN(Date.parse(v)), 'Enter a real day and time to publish')
      .meta({ example: '2027-01-11T09:00' })
      .nullable(),
  ),
});

export const feedbackInput = z.object({ feedback: paragraphs(2000, { required: 'Write what you think' }) });

export const progressInput = z.object({
  titleCy: optionalLine(300),
  summaryCy: optionalParagraphs(2000),
  withdraw: yes,
});
