import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFor, anyOf, encodeCursor, formErrors, identityOf, nextPageHref, pageQuery, ref, submitForm } from '../../platform/index.js';
import { stakeholders as abilities } from './abilities.js';
import { communicationParams, engagementParams, followUpParams, stakeholderParams, stakeholderRecords } from './references.js';
import { monthOf } from './rules.js';
import {
  calendarQuery,
  commsFeedbackInput,
  communicationInput,
  engagementInput,
  engagementsQuery,
  followUpInput,
  noFieldsForm,
  replyInput,
  sendInput,
  stakeholderInput,
  stakeholdersQuery,
} from './schemas.js';
import {
  addCommunication,
  addFollowUp,
  addStakeholder,
  changeCommunication,
  changeStakeholder,
  completeFollowUp,
  recordCommsFeedback,
  recordEngagement,
  recordSend,
  replyToFeedback,
  today,
} from './service.js';
import {
  awaitingReplyPage,
  communicationFormPage,
  communicationPage,
  engagementFormPage,
  engagementPage,
  logPage,
  notMetPage,
  planPage,
  registerPage,
  stakeholderFormPage,
  stakeholderPage,
  view,
} from './pages.js';

const orgOf = (request: FastifyRequest) => identityOf(request).organisation.id;
const idOf = (request: FastifyRequest) => (request.params as { id: number }).id;
const rawOf = (request: FastifyRequest) => (request.query ?? {}) as Record<string, string>;
export const newEngagementQuery = z.object({ stakeholder: anyOf(ref(stakeholderRecords.stakeholder)) });

export async function stakeholderRoutes(app: FastifyInstance) {
  const { db } = app.steward;
  const { read, manage } = abilities;

  // The stakeholder register: the grid picture, the four quadrants as lists, and the table.
  app.get('/stakeholders', { config: { access: read, query: stakeholdersQuery } }, async (request, reply) => {
    const parsed = await pageQuery(request, stakeholdersQuery);
    const v: z.output<typeof stakeholdersQuery> = parsed.ok ? parsed.value : { kind: undefined, quadrant: undefined, owner: undefined };
    const page = await registerPage(
      request,
      db,
      {
        ...(v.kind ? { kind: v.kind } : {}),
        ...(v.quadrant ? { quadrant: v.quadrant } : {}),
        ...(v.owner !== undefined ? { owner: v.owner } : {}),
      },
      rawOf(request),
    );
    return reply.code(parsed.ok ? 200 : 400).render(view('stakeholders'), { ...page, errors: parsed.ok ? undefined : formErrors(parsed.errors) });
  });
  app.get('/stakeholders/not-met-in-90-days', { config: { access: read } }, async (request, reply) =>
    reply.render(view('not-met'), await notMetPage(request, db)),
  );
  app.get('/stakeholders/new', { config: { access: manage } }, async (request, reply) =>
    reply.render(view('stakeholder-form'), await stakeholderFormPage(request, db, null)),
  );
  app.post('/stakeholders/new', { config: { access: manage, form: stakeholderInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: stakeholderInput,
      view: view('stakeholder-form'),
      context: () => stakeholderFormPage(request, db, null),
      action: async (v) => {
        const id = await addStakeholder(db, actorFor(request), orgOf(request), v);
        return { redirect: `/stakeholders/${id}`, flash: `Added ${v.name} to the register` };
      },
    }),
  );
  app.get('/stakeholders/:id', { config: { access: read }, schema: { params: stakeholderParams } }, async (request, reply) =>
    reply.render(view('stakeholder'), await stakeholderPage(request, db, idOf(request))),
  );
  app.get('/stakeholders/:id/edit', { config: { access: manage }, schema: { params: stakeholderParams } }, async (request, reply) =>
    reply.render(view('stakeholder-form'), await stakeholderFormPage(request, db, idOf(request))),
  );
  app.post('/stakeholders/:id/edit', { config: { access: manage, form: stakeholderInput }, schema: { params: stakeholderParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: stakeholderInput,
      view: view('stakeholder-form'),
      context: () => stakeholderFormPage(request, db, idOf(request)),
      action: async (v) => {
        await changeStakeholder(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: `/stakeholders/${idOf(request)}`, flash: `Saved ${v.name}` };
      },
    }),
  );

  // The engagement log.
  app.get('/engagements', { config: { access: read, query: engagementsQuery } }, async (request, reply) => {
    const parsed = await pageQuery(request, engagementsQuery);
    const raw = rawOf(request);
    const v = parsed.ok ? parsed.value : { kind: undefined, stakeholder: undefined, after: null };
    const page = await logPage(
      request,
      db,
      { ...(v.kind ? { kind: v.kind } : {}), ...(v.stakeholder !== undefined ? { stakeholderId: v.stakeholder } : {}) },
      v.after ?? null,
      raw,
      parsed.ok,
    );
    return reply.code(parsed.ok ? 200 : 400).render(view('engagements'), {
      ...page,
      nextHref: nextPageHref('/engagements', raw, page.next ? encodeCursor(page.next) : null),
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
    });
  });
  app.get('/engagements/feedback-without-reply', { config: { access: read } }, async (request, reply) =>
    reply.render(view('awaiting-reply'), await awaitingReplyPage(request, db)),
  );
  app.get('/engagements/new', { config: { access: manage, query: newEngagementQuery } }, async (request, reply) => {
    const parsed = await pageQuery(request, newEngagementQuery);
    const page = await engagementFormPage(request, db, parsed.ok ? parsed.value.stakeholder : undefined);
    return reply.code(parsed.ok ? 200 : 400).render(view('engagement-form'), { ...page, errors: parsed.ok ? undefined : formErrors(parsed.errors) });
  });
  app.post('/engagements/new', { config: { access: manage, form: engagementInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: engagementInput,
      view: view('engagement-form'),
      context: () => engagementFormPage(request, db),
      action: async (v) => {
        const id = await recordEngagement(db, actorFor(request), orgOf(request), v);
        return { redirect: `/engagements/${id}`, flash: `Logged ${v.title}` };
      },
    }),
  );
  const onEngagement = (request: FastifyRequest) => ({ view: view('engagement'), context: () => engagementPage(request, db, idOf(request)) });
  app.get('/engagements/:id', { config: { access: read }, schema: { params: engagementParams } }, async (request, reply) =>
    reply.render(view('engagement'), await engagementPage(request, db, idOf(request))),
  );
  app.post('/engagements/:id/follow-ups', { config: { access: manage, form: followUpInput }, schema: { params: engagementParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: followUpInput,
      ...onEngagement(request),
      action: async (v) => {
        await addFollowUp(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: `/engagements/${idOf(request)}#follow-ups`, flash: `Added the follow-up: ${v.title}` };
      },
    }),
  );
  app.post(
    '/engagements/:id/follow-ups/:followUp/done',
    { config: { access: manage, form: noFieldsForm }, schema: { params: followUpParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: noFieldsForm,
        ...onEngagement(request),
        action: async () => {
          const { followUp } = request.params as z.output<typeof followUpParams>;
          await completeFollowUp(db, actorFor(request), orgOf(request), idOf(request), followUp);
          return { redirect: `/engagements/${idOf(request)}#follow-ups`, flash: 'Marked the follow-up done' };
        },
      }),
  );
  app.post('/engagements/:id/reply', { config: { access: manage, form: replyInput }, schema: { params: engagementParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: replyInput,
      ...onEngagement(request),
      action: async (v) => {
        await replyToFeedback(db, actorFor(request), orgOf(request), idOf(request), v.reply);
        return { redirect: `/engagements/${idOf(request)}`, flash: 'Recorded the reply' };
      },
    }),
  );

  // The communications plan: a month's calendar, its list, and every message.
  app.get('/communications-plan', { config: { access: read, query: calendarQuery } }, async (request, reply) => {
    const parsed = await pageQuery(request, calendarQuery);
    const month = (parsed.ok ? parsed.value.month : undefined) ?? monthOf(today());
    const page = await planPage(request, db, month, rawOf(request), parsed.ok);
    return reply.code(parsed.ok ? 200 : 400).render(view('plan'), { ...page, errors: parsed.ok ? undefined : formErrors(parsed.errors) });
  });
  app.get('/communications-plan/new', { config: { access: manage } }, async (request, reply) =>
    reply.render(view('communication-form'), await communicationFormPage(request, db, null)),
  );
  app.post('/communications-plan/new', { config: { access: manage, form: communicationInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: communicationInput,
      view: view('communication-form'),
      context: () => communicationFormPage(request, db, null),
      action: async (v) => {
        const id = await addCommunication(db, actorFor(request), orgOf(request), v);
        return { redirect: `/communications-plan/${id}`, flash: `Added ${v.message} to the plan` };
      },
    }),
  );
  const onCommunication = (request: FastifyRequest) => ({ view: view('communication'), context: () => communicationPage(request, db, idOf(request)) });
  app.get('/communications-plan/:id', { config: { access: read }, schema: { params: communicationParams } }, async (request, reply) =>
    reply.render(view('communication'), await communicationPage(request, db, idOf(request))),
  );
  app.get('/communications-plan/:id/edit', { config: { access: manage }, schema: { params: communicationParams } }, async (request, reply) =>
    reply.render(view('communication-form'), await communicationFormPage(request, db, idOf(request))),
  );
  app.post(
    '/communications-plan/:id/edit',
    { config: { access: manage, form: communicationInput }, schema: { params: communicationParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: communicationInput,
        view: view('communication-form'),
        context: () => communicationFormPage(request, db, idOf(request)),
        action: async (v) => {
          await changeCommunication(db, actorFor(request), orgOf(request), idOf(request), v);
          return { redirect: `/communications-plan/${idOf(request)}`, flash: `Saved ${v.message}` };
        },
      }),
  );
  app.post('/communications-plan/:id/sends', { config: { access: manage, form: sendInput }, schema: { params: communicationParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: sendInput,
      ...onCommunication(request),
      action: async (v) => {
        await recordSend(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: `/communications-plan/${idOf(request)}#sent`, flash: 'Recorded what was sent' };
      },
    }),
  );
  app.post(
    '/communications-plan/:id/feedback',
    { config: { access: manage, form: commsFeedbackInput }, schema: { params: communicationParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: commsFeedbackInput,
        ...onCommunication(request),
        action: async (v) => {
          await recordCommsFeedback(db, actorFor(request), orgOf(request), idOf(request), v);
          return { redirect: `/communications-plan/${idOf(request)}#what-people-said`, flash: 'Recorded the feedback' };
        },
      }),
  );
}
