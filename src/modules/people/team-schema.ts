import { z } from 'zod';
import { line, optionalRef, paragraphs, ref } from '../../platform/index.js';
import { team } from '../teams/index.js';
import { peopleRecords } from './references.js';

export const teamIdParams = z.object({ id: ref(team, 'There is no such team') });
export const teamInput = z.object({
  name: line(100, { required: 'Enter the team’s name' }),
  description: z.preprocess((v) => v ?? '', paragraphs(2000)),
  focus: z.preprocess((v) => v ?? '', line(40).or(z.literal(''))),
  leadStaffId: optionalRef(peopleRecords.staff, 'Choose the team’s lead from the department’s people'),
});
