import type { Actor, Db, Identity } from '../../platform/index.js';
import { recordPostFeedback } from '../stakeholders/index.js';

/** A reader's feedback on a post lands in the engagement log, where IT answers it. */
export const sendPostFeedback = (db: Db, actor: Actor, identity: Identity, post: { id: number; title: string }, text: string) =>
  recordPostFeedback(db, actor, identity.organisation.id, {
    postTitle: post.title,
    postHref: `/posts/${post.id}`,
    fromPersonId: identity.person.id,
    fromName: identity.person.displayName,
    text,
  });
