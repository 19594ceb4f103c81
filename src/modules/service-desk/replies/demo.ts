import type { DemoContext, Identity } from '../../../platform/index.js';
import { addCannedReply } from './service.js';

// Demo canned replies, in Steward's own words: what a council's desk sends every day.
const replies: [title: string, team: 'desk' | 'infra' | 'apps' | null, body: string][] = [
  [
    'Password reset done',
    'desk',
    'Hello {requester},\n\nI have reset your password. You will be asked to choose a new one when you next sign in: use at least 14 characters, three random words work well.\n\nIf it still does not work, reply to this and I will call you.\n\n{agent}, IT service desk',
  ],
  [
    'We are looking into it',
    'desk',
    'Hello {requester},\n\nThank you for reporting {reference}. We are looking into it now and aim to have it fixed by {due}. We will update you here.\n\n{agent}',
  ],
  [
    'Waiting for the supplier',
    'apps',
    'Hello {requester},\n\nWe have passed {reference} to the supplier, who is investigating. We will update you as soon as they reply, and by {due} at the latest.\n\n{agent}, Applications team',
  ],
  [
    'New starter kit ready',
    'infra',
    'Hello {requester},\n\nThe laptop and phone for your new starter are ready to collect from the service desk on the ground floor of Eastwold House, from 9am on their first day. Their sign-in details will be given to them in person.\n\n{agent}',
  ],
  [
    'Closing after no reply',
    null,
    'Hello {requester},\n\nWe have not heard back about {reference} ({title}), so we will close it in three working days. Reply here if you still need help.\n\n{agent}',
  ],
];

export async function loadCannedReplyDemo(ctx: DemoContext, teamIds: Record<string, number | undefined>, agentId: number) {
  const identity: Identity = {
    person: { id: agentId, email: 'demo', displayName: 'Demo' },
    organisation: { id: ctx.organisationId, name: '', type: 'unitary', isDemo: true },
    role: 'admin',
    organisationCount: 1,
    via: 'session',
  };
  for (const [title, team, body] of replies) await addCannedReply(ctx.db, ctx.actor, identity, { title, body, teamId: team ? (teamIds[team] ?? null) : null });
}
