import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFor, dateTime, identityOf, line, optionalRef, submitForm } from '../../../platform/index.js';
import { team, teamsOf } from '../../teams/index.js';
import { desk } from '../abilities.js';
import { mailInSettingsOf, recentInbound, saveMailInSettings } from './service.js';

const view = 'modules/service-desk/mail-in/views/email.njk';
const statusNames: Record<string, string> = {
  received: 'Waiting to be read',
  ticket: 'New ticket',
  reply: 'Reply',
  dropped: 'Dropped',
  refused: 'Refused',
  failed: 'Could not be read',
};
const statusTags: Record<string, string> = { ticket: 'green', reply: 'blue', dropped: 'grey', refused: 'orange', failed: 'red', received: 'yellow' };

export const mailInForm = z.object({
  address: z
    .string()
    .trim()
    .max(254, 'Enter an email address of 254 characters or fewer')
    .pipe(z.email({ message: 'Enter the desk’s email address, like servicedesk@eastwold.gov.uk' }))
    .meta({ example: 'servicedesk@eastwold.gov.uk' }),
  unknownSenders: z.enum(['refuse', 'requester'], { message: 'Choose what happens to mail from people Steward does not know' }),
  allowedDomains: line(500).meta({ example: 'eastwold.gov.uk' }),
  teamId: optionalRef(team, 'Choose one of your teams, or no team'),
});

export async function mailInRoutes(app: FastifyInstance) {
  const { db } = app.steward;
  const page = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const [settings, mails, teams] = await Promise.all([
      mailInSettingsOf(db, identity.organisation.id),
      recentInbound(db, identity.organisation.id),
      teamsOf(db, identity.organisation.id),
    ]);
    return {
      title: 'Email to the service desk',
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Service desk', href: '/service-desk' },
      ],
      settings,
      teamItems: [{ value: '', text: 'No team: the unassigned queue' }, ...teams.map((t) => ({ value: String(t.id), text: t.name }))],
      teamName: teams.find((t) => Number(t.id) === Number(settings?.team_id))?.name ?? null,
      values: settings
        ? {
            address: settings.address,
            unknownSenders: settings.unknown_senders,
            allowedDomains: settings.allowed_domains,
            teamId: settings.team_id ? String(settings.team_id) : '',
          }
        : { unknownSenders: 'refuse', allowedDomains: '' },
      mails: mails.map((m) => ({
        ...m,
        when: dateTime(m.received_at),
        from: m.from_address ?? (m.envelope_from || 'nobody'),
        statusName: statusNames[m.status] ?? m.status,
        tag: statusTags[m.status] ?? 'grey',
        sizeKb: Math.max(1, Math.round(Number(m.size) / 1024)),
      })),
    };
  };
  app.get('/service-desk/email', { config: { access: desk.manageSla } }, async (request, reply) => reply.render(view, await page(request)));
  app.post('/service-desk/email', { config: { access: desk.configureDesk, form: mailInForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: mailInForm,
      view,
      context: () => page(request),
      action: async (v) => {
        await saveMailInSettings(db, actorFor(request), identityOf(request).organisation.id, { ...v, teamId: v.teamId ?? null });
        return { redirect: '/service-desk/email', flash: `Mail to ${v.address.toLowerCase()} now reaches the service desk` };
      },
    }),
  );
}
