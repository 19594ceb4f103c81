import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  actorFor,
  checkFile,
  exportLimit,
  filtersOf,
  ForbiddenError,
  formErrors,
  identityOf,
  linkableKind,
  nextPageHref,
  pageOf,
  pageQuery,
  sendKeptFile,
  sendSpreadsheet,
  submitForm,
  UserError,
  writeSpreadsheet,
} from '../../platform/index.js';
import { boards } from './abilities.js';
import { actionParams, boardParams, decisionParams, meetingParams, memberParams, paperParams } from './references.js';
import * as q from './queries.js';
import { actionStateNames } from './rules.js';
import {
  actionDoneInput,
  actionInput,
  actionsQuery,
  agendaItemInput,
  attendanceInput,
  boardInput,
  decisionInput,
  decisionsQuery,
  linkInput,
  meetingInput,
  memberInput,
  minutesInput,
  noFieldsForm,
  paperInput,
} from './schemas.js';
import {
  addAction,
  addAgendaItem,
  addBoard,
  addMeeting,
  addMember,
  addPaper,
  changeBoard,
  changeAction,
  completeAction,
  reopenAction,
  linkDecision,
  memberLeaves,
  recordAttendance,
  recordDecision,
  saveMinutes,
  signOffMinutes,
  today,
} from './service.js';
import {
  actionFormPage,
  actionPage,
  actionRow,
  boardFormPage,
  boardPage,
  boardsCrumbs,
  boardsPage,
  decisionFormPage,
  decisionPage,
  decisionRow,
  mayRecord,
  maySignOff,
  meetingPage,
  view,
} from './pages.js';

import { boardPack } from './pack.js';
import { boardPackPdf } from './pack-pdf.js';
import { trendSvg } from './pack-html.js';

const orgOf = (request: FastifyRequest) => identityOf(request).organisation.id;
const idOf = (request: FastifyRequest) => (request.params as { id: number }).id;
const paperMaxBytes = 20 * 1024 * 1024;

/** The PDF of a meeting's board pack, for the page's link and the API alike. */
export async function sendPack(request: FastifyRequest, reply: FastifyReply) {
  const { db } = request.server.steward;
  const pack = await boardPack(db, identityOf(request), idOf(request), today());
  const pdf = await boardPackPdf(pack);
  const name = `board-pack-${pack.meeting.heldOn}.pdf`;
  return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(pdf);
}

export async function boardRoutes(app: FastifyInstance) {
  const { db } = app.steward;
  const read = boards.read;
  const manage = boards.manage;
  const record = boards.record;

  /** Recording for a board is for its members (and managers and admins): the ability's rule, checked before the form is read. */
  const mustRecordFor = async (request: FastifyRequest, boardId: number) => {
    if (!(await mayRecord(db, identityOf(request), boardId))) throw new ForbiddenError('Only members of this board record its meetings, decisions and actions');
  };
  const boardOfMeeting = async (request: FastifyRequest) => Number((await q.meetingById(db, orgOf(request), idOf(request)))!.board_id);
  const boardOfDecision = async (request: FastifyRequest) => Number((await q.decisionById(db, orgOf(request), idOf(request)))!.board_id);

  app.get('/boards', { config: { access: read } }, async (request, reply) => reply.render(view('boards'), await boardsPage(request, db)));
  app.post('/boards', { config: { access: manage, form: boardInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: boardInput,
      view: view('boards'),
      context: () => boardsPage(request, db),
      action: async (v) => {
        const id = await addBoard(db, actorFor(request), orgOf(request), v);
        return { redirect: `/boards/${id}`, flash: `Set up ${v.name}` };
      },
    }),
  );

  const onBoard = (request: FastifyRequest) => ({ view: view('board'), context: () => boardPage(request, db, idOf(request)) });
  app.get('/boards/:id', { config: { access: read }, schema: { params: boardParams } }, async (request, reply) =>
    reply.render(view('board'), await boardPage(request, db, idOf(request))),
  );
  app.get('/boards/:id/edit', { config: { access: manage }, schema: { params: boardParams } }, async (request, reply) =>
    reply.render(view('board-form'), await boardFormPage(request, db, idOf(request))),
  );
  app.post('/boards/:id/edit', { config: { access: manage, form: boardInput }, schema: { params: boardParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: boardInput,
      view: view('board-form'),
      context: () => boardFormPage(request, db, idOf(request)),
      action: async (v) => {
        await changeBoard(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: `/boards/${idOf(request)}`, flash: `Saved the terms of reference of ${v.name}` };
      },
    }),
  );
  app.post('/boards/:id/members', { config: { access: manage, form: memberInput }, schema: { params: boardParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: memberInput,
      ...onBoard(request),
      action: async (v) => {
        await addMember(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: `/boards/${idOf(request)}#members`, flash: `${v.name} joined the board` };
      },
    }),
  );
  app.post('/boards/:id/members/:member/leave', { config: { access: manage, form: noFieldsForm }, schema: { params: memberParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: noFieldsForm,
      ...onBoard(request),
      action: async () => {
        const { member } = request.params as z.output<typeof memberParams>;
        await memberLeaves(db, actorFor(request), orgOf(request), idOf(request), member);
        return { redirect: `/boards/${idOf(request)}#members`, flash: 'Recorded that they left the board' };
      },
    }),
  );
  app.post('/boards/:id/meetings', { config: { access: manage, form: meetingInput }, schema: { params: boardParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: meetingInput,
      ...onBoard(request),
      action: async (v) => {
        const id = await addMeeting(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: `/boards/meetings/${id}`, flash: 'Arranged the meeting' };
      },
    }),
  );

  const onMeeting = (request: FastifyRequest) => ({ view: view('meeting'), context: () => meetingPage(request, app, idOf(request)) });
  app.get('/boards/meetings/:id', { config: { access: read }, schema: { params: meetingParams } }, async (request, reply) =>
    reply.render(view('meeting'), await meetingPage(request, app, idOf(request))),
  );
  app.post('/boards/meetings/:id/agenda', { config: { access: manage, form: agendaItemInput }, schema: { params: meetingParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: agendaItemInput,
      ...onMeeting(request),
      action: async (v) => {
        await addAgendaItem(db, actorFor(request), orgOf(request), idOf(request), { title: v.item, presenter: v.presenter });
        return { redirect: `/boards/meetings/${idOf(request)}#agenda`, flash: `Put ${v.item} on the agenda` };
      },
    }),
  );
  app.post(
    '/boards/meetings/:id/papers',
    { config: { access: manage, form: paperInput, multipart: true }, schema: { params: meetingParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: paperInput,
        ...onMeeting(request),
        action: async (v) => {
          await addPaper(db, actorFor(request), orgOf(request), idOf(request), v.paperTitle, await checkFile(v.file, paperMaxBytes));
          return { redirect: `/boards/meetings/${idOf(request)}#papers`, flash: `Added the paper ${v.paperTitle}` };
        },
      }),
  );
  app.get('/boards/meetings/:id/papers/:paper', { config: { access: read }, schema: { params: paperParams } }, async (request, reply) => {
    const { id, paper } = request.params as z.output<typeof paperParams>;
    const p = await q.paperById(db, orgOf(request), id, paper);
    if (!p) throw new UserError('There is no such paper for this meeting', { status: 404 });
    return sendKeptFile(reply, p);
  });
  app.post(
    '/boards/meetings/:id/attendance',
    { config: { access: record, form: attendanceInput }, schema: { params: meetingParams } },
    async (request, reply) => {
      await mustRecordFor(request, await boardOfMeeting(request));
      return submitForm(request, reply, {
        schema: attendanceInput,
        ...onMeeting(request),
        action: async (v) => {
          await recordAttendance(db, actorFor(request), orgOf(request), idOf(request), v);
          return { redirect: `/boards/meetings/${idOf(request)}#attendance`, flash: 'Recorded who attended' };
        },
      });
    },
  );
  app.post('/boards/meetings/:id/minutes', { config: { access: record, form: minutesInput }, schema: { params: meetingParams } }, async (request, reply) => {
    await mustRecordFor(request, await boardOfMeeting(request));
    return submitForm(request, reply, {
      schema: minutesInput,
      ...onMeeting(request),
      action: async (v) => {
        await saveMinutes(db, actorFor(request), orgOf(request), idOf(request), v.minutes);
        return { redirect: `/boards/meetings/${idOf(request)}#the-minutes`, flash: 'Saved the minutes' };
      },
    });
  });
  app.post(
    '/boards/meetings/:id/sign-off',
    { config: { access: boards.signOff, form: noFieldsForm }, schema: { params: meetingParams } },
    async (request, reply) => {
      if (!(await maySignOff(db, identityOf(request), await boardOfMeeting(request))))
        throw new ForbiddenError('The chair or vice-chair of this board signs off its minutes');
      return submitForm(request, reply, {
        schema: noFieldsForm,
        ...onMeeting(request),
        action: async () => {
          await signOffMinutes(db, actorFor(request), orgOf(request), idOf(request), identityOf(request).person.displayName);
          return { redirect: `/boards/meetings/${idOf(request)}#the-minutes`, flash: 'Signed off the minutes as a true record' };
        },
      });
    },
  );

  // The board pack: a print-ready page and the same as a tagged PDF, both from live data.
  app.get('/boards/meetings/:id/pack', { config: { access: read }, schema: { params: meetingParams } }, async (request, reply) => {
    const pack = await boardPack(db, identityOf(request), idOf(request), today());
    const sections = pack.sections.map((s) => ({ ...s, content: { ...s.content, charts: s.content.charts.map((c) => ({ ...c, svg: trendSvg(c) })) } }));
    return reply.render(view('pack'), {
      ...pack,
      sections,
      breadcrumbs: [...boardsCrumbs, { text: `${pack.board}, ${pack.meeting.when}`, href: `/boards/meetings/${idOf(request)}` }],
    });
  });
  app.get('/boards/meetings/:id/pack.pdf', { config: { access: read }, schema: { params: meetingParams } }, async (request, reply) => sendPack(request, reply));
  const decisionForm = (
    path: string,
    params: typeof boardParams | typeof meetingParams,
    at: (request: FastifyRequest) => Promise<{ boardId: number; meetingId: number | null }>,
  ) => {
    app.get(path, { config: { access: record }, schema: { params } }, async (request, reply) => {
      const where = await at(request);
      await mustRecordFor(request, where.boardId);
      return reply.render(view('decision-form'), await decisionFormPage(request, db, where));
    });
    app.post(path, { config: { access: record, form: decisionInput }, schema: { params } }, async (request, reply) => {
      const where = await at(request);
      await mustRecordFor(request, where.boardId);
      return submitForm(request, reply, {
        schema: decisionInput,
        view: view('decision-form'),
        context: () => decisionFormPage(request, db, where),
        action: async (v) => {
          const d = await recordDecision(db, actorFor(request), orgOf(request), where.boardId, where.meetingId, v);
          return { redirect: `/boards/decisions/${d.id}`, flash: `Recorded ${d.reference} in the decision log` };
        },
      });
    });
  };
  decisionForm('/boards/meetings/:id/decisions/new', meetingParams, async (request) => ({ boardId: await boardOfMeeting(request), meetingId: idOf(request) }));
  decisionForm('/boards/:id/decisions/new', boardParams, async (request) => ({ boardId: idOf(request), meetingId: null }));

  const actionForm = (
    path: string,
    params: typeof meetingParams | typeof decisionParams,
    at: (request: FastifyRequest) => Promise<{ boardId: number; meetingId: number | null; decisionId: number | null }>,
  ) => {
    const formPage = (request: FastifyRequest, where: { meetingId: number | null; decisionId: number | null }) =>
      actionFormPage(request, db, where.decisionId !== null ? { decisionId: where.decisionId } : { meetingId: where.meetingId! });
    app.get(path, { config: { access: record }, schema: { params } }, async (request, reply) => {
      const where = await at(request);
      await mustRecordFor(request, where.boardId);
      return reply.render(view('action-form'), await formPage(request, where));
    });
    app.post(path, { config: { access: record, form: actionInput }, schema: { params } }, async (request, reply) => {
      const where = await at(request);
      await mustRecordFor(request, where.boardId);
      return submitForm(request, reply, {
        schema: actionInput,
        view: view('action-form'),
        context: () => formPage(request, where),
        action: async (v) => {
          const id = await addAction(db, actorFor(request), orgOf(request), where.boardId, where, v);
          return { redirect: `/boards/actions/${id}`, flash: `Gave the action: ${v.title}` };
        },
      });
    });
  };
  actionForm('/boards/meetings/:id/actions/new', meetingParams, async (request) => ({
    boardId: await boardOfMeeting(request),
    meetingId: idOf(request),
    decisionId: null,
  }));
  actionForm('/boards/decisions/:id/actions/new', decisionParams, async (request) => {
    const d = (await q.decisionById(db, orgOf(request), idOf(request)))!;
    return { boardId: Number(d.board_id), meetingId: d.meeting_id === null ? null : Number(d.meeting_id), decisionId: idOf(request) };
  });

  app.get('/boards/decisions', { config: { access: read, query: decisionsQuery } }, async (request, reply) => {
    const raw = (request.query ?? {}) as Record<string, string>;
    const parsed = await pageQuery(request, decisionsQuery);
    const orgId = orgOf(request);
    const size = 50;
    const v = parsed.ok ? parsed.value : decisionsQuery.parse({});
    const [rows, list] = await Promise.all([parsed.ok ? q.decisionsOf(db, orgId, filterOf(v), v.after, size + 1) : [], q.boardsOf(db, orgId)]);
    const page = pageOf(rows, size, (d) => ({ on: String(d.decided_on).slice(0, 10), id: Number(d.id) }));
    return reply.code(parsed.ok ? 200 : 400).render(view('decisions'), {
      title: 'Decision log',
      breadcrumbs: boardsCrumbs,
      decisions: page.items.map(decisionRow),
      values: raw,
      filters: filtersOf(raw),
      nextHref: nextPageHref('/boards/decisions', raw, page.next),
      boardItems: [{ value: '', text: 'Any board' }, ...list.map((b) => ({ value: String(b.id), text: b.name, selected: String(b.id) === raw.board }))],
      publicItems: [
        { value: '', text: 'Public or not' },
        { value: 'yes', text: 'Public', selected: raw.public === 'yes' },
        { value: 'no', text: 'Not public', selected: raw.public === 'no' },
      ],
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
    });
  });
  const filterOf = (v: z.output<typeof decisionsQuery>) => ({
    ...(v.board !== undefined ? { boardId: v.board } : {}),
    ...(v.public !== undefined ? { public: v.public === 'yes' } : {}),
  });
  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/boards/decisions.${format}`, { config: { access: read, query: decisionsQuery } }, async (request, reply) => {
      const parsed = await pageQuery(request, decisionsQuery);
      if (!parsed.ok) throw new UserError(parsed.errors[0]!.message, { status: 400, fieldErrors: parsed.errors });
      const rows = (await q.decisionsOf(db, orgOf(request), filterOf(parsed.value), parsed.value.after, exportLimit)).map(decisionRow);
      return sendSpreadsheet(
        reply,
        await writeSpreadsheet(
          format,
          'decision-log',
          ['Reference', 'Decision', 'Board', 'Decided by', 'Decided on', 'Options considered', 'Rationale', 'Public'],
          rows.map((d) => [d.reference, d.title, d.boardName, d.decidedBy, d.decidedOn, d.options, d.rationale, d.public ? 'Yes' : 'No']),
        ),
      );
    });
  app.get('/boards/decisions/:id', { config: { access: read }, schema: { params: decisionParams } }, async (request, reply) =>
    reply.render(view('decision'), await decisionPage(request, app, idOf(request))),
  );
  app.post('/boards/decisions/:id/links', { config: { access: record, form: linkInput }, schema: { params: decisionParams } }, async (request, reply) => {
    await mustRecordFor(request, await boardOfDecision(request));
    return submitForm(request, reply, {
      schema: linkInput,
      view: view('decision'),
      context: () => decisionPage(request, app, idOf(request)),
      action: async (v) => {
        const source = linkableKind(app, v.kind);
        if (!source) throw new UserError('Choose what kind of record the decision is about', { field: 'kind' });
        const found = await source.find(db, orgOf(request), v.words);
        if (!found) throw new UserError(`There is no ${source.label} matching “${v.words}”`, { field: 'words' });
        await linkDecision(db, actorFor(request), orgOf(request), idOf(request), v.kind, found);
        return { redirect: `/boards/decisions/${idOf(request)}#about`, flash: `Linked ${found.title}` };
      },
    });
  });

  app.get('/boards/actions', { config: { access: read, query: actionsQuery } }, async (request, reply) => {
    const raw = (request.query ?? {}) as Record<string, string>;
    const parsed = await pageQuery(request, actionsQuery);
    const orgId = orgOf(request);
    const on = today();
    const v = parsed.ok ? parsed.value : actionsQuery.parse({});
    const [rows, list] = await Promise.all([
      parsed.ok
        ? q.actionsOf(db, orgId, { ...(v.board !== undefined ? { boardId: v.board } : {}), ...(v.state ? { state: v.state } : {}), today: on }, 500)
        : [],
      q.boardsOf(db, orgId),
    ]);
    return reply.code(parsed.ok ? 200 : 400).render(view('actions'), {
      title: v.state === 'overdue' ? 'Overdue actions' : 'Actions',
      breadcrumbs: boardsCrumbs,
      actions: rows.map((a) => actionRow(a, on)),
      more: rows.length === 500,
      values: raw,
      boardItems: [{ value: '', text: 'Any board' }, ...list.map((b) => ({ value: String(b.id), text: b.name, selected: String(b.id) === raw.board }))],
      stateItems: [{ value: '', text: 'Any' }, ...Object.entries(actionStateNames).map(([value, text]) => ({ value, text, selected: value === raw.state }))],
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
    });
  });
  app.get('/boards/actions/:id', { config: { access: read }, schema: { params: actionParams } }, async (request, reply) =>
    reply.render(view('action'), await actionPage(request, db, idOf(request))),
  );
  app.post('/boards/actions/:id', { config: { access: record, form: actionInput }, schema: { params: actionParams } }, async (request, reply) => {
    await mustRecordFor(request, Number((await q.actionById(db, orgOf(request), idOf(request)))!.board_id));
    return submitForm(request, reply, {
      schema: actionInput,
      view: view('action'),
      context: () => actionPage(request, db, idOf(request)),
      action: async (v) => {
        await changeAction(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: `/boards/actions/${idOf(request)}`, flash: 'Saved the action' };
      },
    });
  });
  app.post('/boards/actions/:id/reopen', { config: { access: record, form: noFieldsForm }, schema: { params: actionParams } }, async (request, reply) => {
    await mustRecordFor(request, Number((await q.actionById(db, orgOf(request), idOf(request)))!.board_id));
    return submitForm(request, reply, {
      schema: noFieldsForm,
      view: view('action'),
      context: () => actionPage(request, db, idOf(request)),
      action: async () => {
        await reopenAction(db, actorFor(request), orgOf(request), idOf(request));
        return { redirect: `/boards/actions/${idOf(request)}`, flash: 'Reopened the action' };
      },
    });
  });
  app.post('/boards/actions/:id/done', { config: { access: record, form: actionDoneInput }, schema: { params: actionParams } }, async (request, reply) => {
    const a = (await q.actionById(db, orgOf(request), idOf(request)))!;
    const identity = identityOf(request);
    if (Number(a.owner_person_id) !== identity.person.id) await mustRecordFor(request, Number(a.board_id));
    return submitForm(request, reply, {
      schema: actionDoneInput,
      view: view('action'),
      context: () => actionPage(request, db, idOf(request)),
      action: async (v) => {
        await completeAction(db, actorFor(request), orgOf(request), idOf(request), v.note);
        return { redirect: `/boards/actions/${idOf(request)}`, flash: 'Marked the action done' };
      },
    });
  });
}
