import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  actorFor,
  can,
  exportLimit,
  filtersOf,
  ForbiddenError,
  formErrors,
  identityOf,
  nextPageHref,
  pageOf,
  pageQuery,
  sendSpreadsheet,
  submitForm,
  UserError,
  writeSpreadsheet,
} from '../../platform/index.js';
import { changes } from './abilities.js';
import * as q from './queries.js';
import { changeParams, freezeParams, maintenanceParams, memberParams } from './references.js';
import {
  approvalInput,
  cabMemberInput,
  calendarQuery,
  changeInput,
  changesQuery,
  freezeInput,
  maintenanceInput,
  moveInput,
  noFieldsForm,
  scheduleInput,
  settingsInput,
  voteInput,
} from './schemas.js';
import {
  addCabMember,
  addFreezeWindow,
  addMaintenanceWindow,
  removeMaintenanceWindow,
  approveChange,
  changeFreezeWindow,
  editChange,
  inputOf,
  moveChange,
  raiseChange,
  removeCabMember,
  removeFreezeWindow,
  saveCabSettings,
  scheduleChange,
  submitChange,
  voteOnChange,
} from './service.js';
import {
  cabPage,
  calendarPage,
  changeFormPage,
  changePage,
  changeRow,
  changesCrumbs,
  filterItems,
  freezeWindowPage,
  freezeWindowsPage,
  view,
} from './pages.js';

const orgOf = (request: FastifyRequest) => identityOf(request).organisation.id;
const referenceOf = (request: FastifyRequest) => (request.params as { reference: string }).reference;
const idOf = (request: FastifyRequest) => (request.params as { id: number }).id;

const filterOf = (v: z.output<typeof changesQuery>): q.ChangeFilter => ({
  ...(v.status ? { status: v.status } : {}),
  ...(v.kind ? { kind: v.kind } : {}),
  ...(v.risk ? { risk: v.risk } : {}),
});

export async function changeRoutes(app: FastifyInstance) {
  const { db } = app.steward;
  const changeOf = async (request: FastifyRequest) => (await q.changeByReference(db, orgOf(request), referenceOf(request)))!;

  app.get('/changes', { config: { access: changes.read, query: changesQuery } }, async (request, reply) => {
    const raw = (request.query ?? {}) as Record<string, string>;
    const parsed = await pageQuery(request, changesQuery);
    const size = 50;
    const rows = parsed.ok ? await q.changesOf(db, orgOf(request), filterOf(parsed.value), parsed.value.after, size + 1) : [];
    const page = pageOf(rows, size, (c) => ({ id: Number(c.id) }));
    return reply.code(parsed.ok ? 200 : 400).render(view('changes'), {
      title: 'Changes',
      breadcrumbs: [changesCrumbs[0]],
      changes: page.items.map(changeRow),
      values: raw,
      filters: filtersOf(raw),
      nextHref: nextPageHref('/changes', raw, page.next),
      ...filterItems(raw),
      canRaise: can(identityOf(request), changes.raise),
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
    });
  });
  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/changes.${format}`, { config: { access: changes.read, query: changesQuery } }, async (request, reply) => {
      const parsed = await pageQuery(request, changesQuery);
      if (!parsed.ok) throw new UserError(parsed.errors[0]!.message, { status: 400, fieldErrors: parsed.errors });
      const rows = (await q.changesOf(db, orgOf(request), filterOf(parsed.value), parsed.value.after, exportLimit)).map(changeRow);
      return sendSpreadsheet(
        reply,
        await writeSpreadsheet(
          format,
          'changes',
          ['Reference', 'Change', 'Kind', 'Risk', 'Risk score', 'Status', 'Planned start', 'Planned end', 'Implementer'],
          rows.map((c) => [c.reference, c.title, c.kindName, c.riskName, String(c.riskScore), c.statusName, c.start, c.end, c.implementer]),
        ),
      );
    });

  app.get('/changes/new', { config: { access: changes.raise } }, async (request, reply) =>
    reply.render(view('change-form'), await changeFormPage(request, db, null)),
  );
  app.post('/changes/new', { config: { access: changes.raise, form: changeInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: changeInput,
      view: view('change-form'),
      context: () => changeFormPage(request, db, null),
      action: async (v) => {
        const { reference } = await raiseChange(db, actorFor(request), orgOf(request), v);
        return { redirect: `/changes/${reference}`, flash: `Raised ${reference}` };
      },
    }),
  );

  app.get('/changes/calendar', { config: { access: changes.read, query: calendarQuery } }, async (request, reply) => {
    const parsed = await pageQuery(request, calendarQuery);
    const v = parsed.ok ? parsed.value : calendarQuery.parse({});
    return reply.code(parsed.ok ? 200 : 400).render(view('calendar'), {
      ...(await calendarPage(request, db, v.view ?? 'month', v.month, v.week)),
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
    });
  });

  app.get('/changes/cab', { config: { access: changes.read } }, async (request, reply) => reply.render(view('cab'), await cabPage(request, db)));
  app.post('/changes/cab/members', { config: { access: changes.manage, form: cabMemberInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: cabMemberInput,
      view: view('cab'),
      context: () => cabPage(request, db),
      action: async (v) => {
        await addCabMember(db, actorFor(request), orgOf(request), v);
        return { redirect: '/changes/cab', flash: `${v.email} joined the CAB` };
      },
    }),
  );
  app.post(
    '/changes/cab/members/:id/remove',
    { config: { access: changes.manage, form: noFieldsForm }, schema: { params: memberParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: noFieldsForm,
        view: view('cab'),
        context: () => cabPage(request, db),
        action: async () => {
          await removeCabMember(db, actorFor(request), orgOf(request), idOf(request));
          return { redirect: '/changes/cab', flash: 'Removed from the CAB' };
        },
      }),
  );
  app.post('/changes/cab/quorum', { config: { access: changes.manage, form: settingsInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: settingsInput,
      view: view('cab'),
      context: () => cabPage(request, db),
      action: async (v) => {
        await saveCabSettings(db, actorFor(request), orgOf(request), v);
        return { redirect: '/changes/cab', flash: 'Saved the quorum' };
      },
    }),
  );

  app.get('/changes/freeze-windows', { config: { access: changes.read } }, async (request, reply) =>
    reply.render(view('freeze-windows'), await freezeWindowsPage(request, db)),
  );
  app.post('/changes/freeze-windows', { config: { access: changes.manage, form: freezeInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: freezeInput,
      view: view('freeze-windows'),
      context: () => freezeWindowsPage(request, db),
      action: async (v) => {
        await addFreezeWindow(db, actorFor(request), orgOf(request), v);
        return { redirect: '/changes/freeze-windows', flash: `Set the freeze window ${v.name}` };
      },
    }),
  );
  app.post('/changes/maintenance-windows', { config: { access: changes.manage, form: maintenanceInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: maintenanceInput,
      view: view('freeze-windows'),
      context: () => freezeWindowsPage(request, db),
      action: async (v) => {
        await addMaintenanceWindow(db, actorFor(request), orgOf(request), v);
        return { redirect: '/changes/freeze-windows#maintenance-heading', flash: 'Set the maintenance window' };
      },
    }),
  );
  app.post(
    '/changes/maintenance-windows/:id/remove',
    { config: { access: changes.manage, form: noFieldsForm }, schema: { params: maintenanceParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: noFieldsForm,
        view: view('freeze-windows'),
        context: () => freezeWindowsPage(request, db),
        action: async () => {
          await removeMaintenanceWindow(db, actorFor(request), orgOf(request), idOf(request));
          return { redirect: '/changes/freeze-windows#maintenance-heading', flash: 'Removed the maintenance window' };
        },
      }),
  );
  app.get('/changes/freeze-windows/:id', { config: { access: changes.read }, schema: { params: freezeParams } }, async (request, reply) =>
    reply.render(view('freeze-window'), await freezeWindowPage(request, db, idOf(request))),
  );
  app.post('/changes/freeze-windows/:id', { config: { access: changes.manage, form: freezeInput }, schema: { params: freezeParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: freezeInput,
      view: view('freeze-window'),
      context: () => freezeWindowPage(request, db, idOf(request)),
      action: async (v) => {
        await changeFreezeWindow(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: '/changes/freeze-windows', flash: `Saved the freeze window ${v.name}` };
      },
    }),
  );
  app.post(
    '/changes/freeze-windows/:id/remove',
    { config: { access: changes.manage, form: noFieldsForm }, schema: { params: freezeParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: noFieldsForm,
        view: view('freeze-window'),
        context: () => freezeWindowPage(request, db, idOf(request)),
        action: async () => {
          await removeFreezeWindow(db, actorFor(request), orgOf(request), idOf(request));
          return { redirect: '/changes/freeze-windows', flash: 'Removed the freeze window' };
        },
      }),
  );

  app.get('/changes/:reference', { config: { access: changes.read }, schema: { params: changeParams } }, async (request, reply) =>
    reply.render(view('change'), await changePage(request, db, referenceOf(request))),
  );
  app.get('/changes/:reference/edit', { config: { access: changes.raise }, schema: { params: changeParams } }, async (request, reply) => {
    const c = await changeOf(request);
    const systems = (await q.systemsOfChanges(db, orgOf(request), [Number(c.id)])).get(Number(c.id)) ?? [];
    return reply.render(view('change-form'), await changeFormPage(request, db, { reference: c.reference, input: inputOf(c, systems) }));
  });
  app.post('/changes/:reference/edit', { config: { access: changes.raise, form: changeInput }, schema: { params: changeParams } }, async (request, reply) => {
    const c = await changeOf(request);
    return submitForm(request, reply, {
      schema: changeInput,
      view: view('change-form'),
      context: () => changeFormPage(request, db, { reference: c.reference, input: inputOf(c, []) }),
      action: async (v) => {
        await editChange(db, actorFor(request), orgOf(request), Number(c.id), v);
        return { redirect: `/changes/${c.reference}`, flash: `Saved ${c.reference}` };
      },
    });
  });

  /** A form on the change's page: re-rendered there with its errors. */
  const onChange = <S extends z.ZodType>(
    path: string,
    access: (typeof changes)[keyof typeof changes],
    schema: S,
    act: (request: FastifyRequest, id: number, v: z.output<S>) => Promise<string>,
  ) =>
    app.post(path, { config: { access, form: schema }, schema: { params: changeParams } }, async (request, reply) => {
      const c = await changeOf(request);
      return submitForm(request, reply, {
        schema,
        view: view('change'),
        context: () => changePage(request, db, c.reference),
        action: async (v) => ({ redirect: `/changes/${c.reference}`, flash: await act(request, Number(c.id), v as z.output<S>) }),
      });
    });

  onChange('/changes/:reference/submit', changes.raise, noFieldsForm, async (request, id) => {
    const to = await submitChange(db, actorFor(request), orgOf(request), id);
    return to === 'awaiting_cab' ? 'Submitted: it is awaiting the CAB' : 'Submitted: it is awaiting the change manager';
  });
  onChange('/changes/:reference/vote', changes.vote, voteInput, async (request, id, v) => {
    const identity = identityOf(request);
    const member = await q.cabMemberOfPerson(db, identity.organisation.id, identity.person.id);
    if (!member) throw new ForbiddenError('Only members of the change advisory board vote on changes');
    const { outcome } = await voteOnChange(db, actorFor(request), identity.organisation.id, id, identity.person.id, v);
    return outcome ? `Voted: the CAB has decided (${outcome.replace(/_/g, ' ')})` : 'Voted: the CAB has not reached its quorum yet';
  });
  onChange('/changes/:reference/approve', changes.approve, approvalInput, async (request, id, v) => {
    await approveChange(db, actorFor(request), orgOf(request), id, 'change_manager', { decision: v.approval, conditions: v.approvalConditions });
    return 'Recorded the change manager’s decision';
  });
  onChange('/changes/:reference/approve-as-head', changes.approveAsHead, approvalInput, async (request, id, v) => {
    await approveChange(db, actorFor(request), orgOf(request), id, 'head_of_it', { decision: v.approval, conditions: v.approvalConditions });
    return 'Recorded the Head of IT’s decision';
  });
  onChange('/changes/:reference/schedule', changes.raise, scheduleInput, async (request, id, v) => {
    await scheduleChange(db, actorFor(request), orgOf(request), id, v);
    return 'Scheduled the change';
  });
  onChange('/changes/:reference/move', changes.raise, moveInput, async (request, id, v) => {
    await moveChange(db, actorFor(request), orgOf(request), id, v.to, v.notes);
    return 'Moved the change on';
  });
}
