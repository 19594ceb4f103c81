import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { own, actorFor, identityOf, isRealDay, line, paragraphs, ref, submitForm, UserError } from '../../../platform/index.js';
import { desk } from '../abilities.js';
import { deskRecords } from '../references.js';
import { coverage, divisionNames, type Division } from './bank-holidays.js';
import * as q from './queries.js';
import { addClosureDay, deskSettings, importBankHolidays, updateDeskSettings, updatePolicyTargets, type Targets } from './service.js';
import { levelNames, priorityNames } from '../tickets/rules.js';

const view = 'modules/service-desk/sla/views/settings.njk';
const dayNames = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const time = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const bankHolidaysForm = z.object({
  file: paragraphs(500_000, { required: 'Paste the contents of bank-holidays.json', tooLong: 'That is too long to be bank-holidays.json' }),
});
const cell = z.coerce.number({ message: 'Choose a priority' }).int('Choose a priority').min(1, 'Choose a priority').max(4, 'Choose a priority');
const deskForm = z.object({
  ...Object.fromEntries([1, 2, 3].flatMap((i) => [1, 2, 3].map((u) => [`m-${i}-${u}`, cell]))),
  reopenWorkingDays: z.coerce
    .number({ message: 'Enter a number of working days' })
    .int('Enter a whole number of working days')
    .min(0, 'Enter 0 or more working days')
    .max(60, 'Enter 60 working days or fewer'),
});
// Targets are typed in working hours (0.5 is half an hour) and kept in working minutes.
const hours = (label: string) =>
  z.coerce
    .number({ message: `Enter ${label} in working hours, like 4 or 0.5` })
    .min(1 / 60, `Enter ${label} of at least a minute (0.02 hours)`)
    .max(24 * 60, `Enter ${label} of at most 1,440 working hours`)
    .meta({ example: 4 });
/** Working minutes as the hours a person types: 2550 is 42.5. */
const asHours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);
const policyForm = z.object({
  ...Object.fromEntries(
    [1, 2, 3, 4].flatMap((p) => [
      [`p${p}-response`, hours(`the P${p} response target`)],
      [`p${p}-resolution`, hours(`the P${p} resolution target`)],
    ]),
  ),
  warnPercent: z.coerce
    .number({ message: 'Enter the warning point as a percentage' })
    .int('Enter the warning point as a whole percentage')
    .min(10, 'Enter a warning point between 10 and 99 per cent')
    .max(99, 'Enter a warning point between 10 and 99 per cent'),
});
const closureForm = z.object({
  date: z
    .string()
    .max(10, 'Enter the date as YYYY-MM-DD')
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD')
    .refine(isRealDay, 'Enter a real date')
    .meta({ example: '2026-12-24' }),
  title: line(200, { required: 'Say why the council is closed' }),
});
const policyParams = z.object({ id: ref(deskRecords.policy) });
const calendarParams = z.object({ id: ref(deskRecords.calendar) });

export async function slaRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  const context = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const settings = await deskSettings(db, actorFor(request), identity.organisation.id);
    const calendars = await q.calendarsOf(db, identity.organisation.id);
    const policies = await q.policiesOf(db, identity.organisation.id);
    const today = new Date().toISOString().slice(0, 10);
    return {
      title: 'Working calendars and SLAs',
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Service desk', href: '/service-desk' },
      ],
      calendars: await Promise.all(
        calendars.map(async (c) => {
          const hours = JSON.parse(c.hours_json) as Record<string, { open: number; close: number }>;
          const holidays = c.division ? await q.bankHolidaysOf(db, c.division) : [];
          return {
            ...c,
            divisionName: c.division ? divisionNames[c.division as Division] : 'None',
            days: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ day: dayNames[d], hours: hours[d] ? `${time(hours[d].open)} to ${time(hours[d].close)}` : 'Closed' })),
            upcoming: holidays.filter((h) => h.date >= today).slice(0, 8),
            ...coverage(holidays, today),
            closures: await q.closuresOf(db, c.id),
          };
        }),
      ),
      matrix: [1, 2, 3].map((impact) => ({
        impact: levelNames[impact],
        cells: [1, 2, 3].map((urgency) => ({
          name: `m-${impact}-${urgency}`,
          label: `Priority for ${levelNames[impact]!.toLowerCase()} impact and ${levelNames[urgency]!.toLowerCase()} urgency`,
          items: [1, 2, 3, 4].map((p) => ({ value: String(p), text: priorityNames[p], selected: settings.priorityMatrix[impact - 1]?.[urgency - 1] === p })),
        })),
      })),
      urgencyNames: [1, 2, 3].map((u) => levelNames[u]),
      values: { reopenWorkingDays: String(settings.reopenWorkingDays) },
      policies: policies.map((p) => ({
        ...p,
        targets: Object.entries(JSON.parse(p.targets_json) as Record<string, { response: number; resolution: number }>).map(
          ([priority, t]) => [priority, { response: asHours(t.response), resolution: asHours(t.resolution) }] as const,
        ),
      })),
    };
  };

  app.get('/service-desk/settings', { config: { access: desk.manageSla } }, async (request, reply) => reply.render(view, await context(request)));

  app.post('/service-desk/settings/bank-holidays', { config: { access: desk.configureDesk, form: bankHolidaysForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: bankHolidaysForm,
      view,
      context: () => context(request),
      action: async (v) => {
        let count: number;
        try {
          count = await importBankHolidays(db, actorFor(request), v.file);
        } catch (error) {
          if (error instanceof UserError) throw error;
          throw new UserError((error as Error).message, { field: 'file' });
        }
        return { redirect: '/service-desk/settings', flash: `Imported ${count} bank holiday dates` };
      },
    }),
  );

  app.post('/service-desk/settings/desk', { config: { access: desk.configureDesk, form: deskForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: deskForm,
      view,
      context: () => context(request),
      action: async (v) => {
        const values = v as Record<string, number>;
        const matrix = [1, 2, 3].map((i) => [1, 2, 3].map((u) => own(values, `m-${i}-${u}`)!));
        await updateDeskSettings(db, actorFor(request), identityOf(request).organisation.id, { matrix, reopenWorkingDays: values.reopenWorkingDays! });
        return { redirect: '/service-desk/settings', flash: 'Service desk settings saved: new tickets use the new priorities' };
      },
    }),
  );

  app.post(
    '/service-desk/settings/policies/:id',
    { config: { access: desk.configureDesk, form: policyForm }, schema: { params: policyParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: policyForm,
        view,
        context: () => context(request),
        action: async (v) => {
          const n = v as Record<string, number>;
          const targets = Object.fromEntries(
            [1, 2, 3, 4].map((p) => [
              String(p),
              { response: Math.round(own(n, `p${p}-response`)! * 60), resolution: Math.round(own(n, `p${p}-resolution`)! * 60) },
            ]),
          ) as Targets;
          await updatePolicyTargets(db, actorFor(request), identityOf(request).organisation.id, (request.params as z.output<typeof policyParams>).id, {
            targets,
            warnShare: n.warnPercent! / 100,
          });
          return { redirect: '/service-desk/settings', flash: 'SLA targets saved: they apply to tickets raised from now on' };
        },
      }),
  );

  app.post(
    '/service-desk/settings/calendars/:id/closures',
    { config: { access: desk.manageSla, form: closureForm }, schema: { params: calendarParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: closureForm,
        view,
        context: () => context(request),
        action: async (v) => {
          await addClosureDay(
            db,
            actorFor(request),
            identityOf(request).organisation.id,
            (request.params as z.output<typeof calendarParams>).id,
            v.date,
            v.title,
          );
          return { redirect: '/service-desk/settings', flash: `Closed on ${v.date}: the SLA clock will not run that day` };
        },
      }),
  );
}
