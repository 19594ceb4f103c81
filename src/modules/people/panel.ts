import { can, type Db, type Panel, type SystemSubject } from '../../platform/index.js';
import { people } from './abilities.js';
import * as q from './queries.js';

/** On a system's page: who in the department can support it; one person or nobody is a risk to say plainly. */
export async function systemSupportersPanel(db: Db, _dialect: 'sqlite' | 'postgres', subject: SystemSubject): Promise<Panel | null> {
  if (!can(subject.identity, people.read)) return null;
  const supporters = await q.supportersOfSystem(db, subject.organisationId, subject.systemId);
  return {
    title: 'Who can support it',
    template: 'modules/people/views/system-panel.njk',
    context: { supporters, canManage: can(subject.identity, people.manage) },
  };
}
