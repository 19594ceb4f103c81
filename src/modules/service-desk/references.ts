import { z } from 'zod';
import { organisationRows, referenceKind, refText } from '../../platform/index.js';
import { findTeam, isMember, teamsOf } from '../teams/index.js';
import { normaliseReference } from './tickets/rules.js';

/** What a form or the API can name on the service desk, each resolved inside the caller's organisation. */
export const deskRecords = {
  service: organisationRows('services', { noun: 'service', message: 'Choose one of the services' }),
  requestType: organisationRows('request_types', { noun: 'request', message: 'Choose one of the service’s requests' }),
  category: organisationRows('incident_categories', { noun: 'category', message: 'Choose one of the categories' }),
  policy: organisationRows('sla_policies', { noun: 'SLA policy', message: 'Choose one of the SLA policies' }),
  calendar: organisationRows('calendars', { noun: 'working calendar', message: 'Choose one of the working calendars' }),
  ticket: organisationRows<string>('tickets', { noun: 'ticket', message: 'There is no such ticket', column: 'reference' }),
  article: organisationRows('articles', { noun: 'article', message: 'Choose one of the articles' }),
  majorIncident: organisationRows('major_incidents', { noun: 'major incident', message: 'There is no such major incident' }),
  savedView: organisationRows('saved_views', { noun: 'saved view', message: 'There is no such saved view' }),
  attachment: organisationRows('ticket_attachments', { noun: 'file', message: 'There is no such file' }),
  cannedReply: organisationRows('canned_replies', { noun: 'canned reply', message: 'Choose one of your canned replies' }),
};

/** A ticket named in a path by its reference (INC-000123), resolved inside the organisation. */
export const ticketParams = z.object({
  reference: refText(deskRecords.ticket, { max: 20, normalise: (s) => normaliseReference(s) ?? s }).meta({ example: 'INC-000001' }),
});

/** A bulk change's assignment, "team:person" or "team:" for the team alone: the team must be the organisation's, the person in it. */
export const assignment = referenceKind<string>({
  noun: 'assignment',
  message: 'Choose an assignment from the list',
  async existing(db, { organisationId }, keys) {
    const found = new Set<string>();
    for (const key of keys.slice(0, 50)) {
      const m = /^(\d{1,15}):(\d{0,15})$/.exec(key);
      if (!m) continue;
      const [teamId, personId] = [Number(m[1]), m[2] ? Number(m[2]) : null];
      if (!(await findTeam(db, organisationId, teamId))) continue;
      if (personId !== null && !(await isMember(db, organisationId, teamId, personId))) continue;
      found.add(key);
    }
    return found;
  },
  async sample(db, { organisationId }) {
    const first = (await teamsOf(db, organisationId))[0];
    return first ? `${first.id}:` : null;
  },
});
