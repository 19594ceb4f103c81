import { DateTime } from 'luxon';
import { auditedWrite, NotFoundError, UserError, type Actor, type Db, type Identity } from '../../platform/index.js';
import { forgetPublicPages } from './public-cache.js';
import * as q from './queries.js';
import { postState, publishingTime } from './rules.js';
import type { PostAudience } from './tables.js';

export interface PostInput {
  title: string;
  titleCy: string;
  body: string;
  bodyCy: string;
  audience: PostAudience;
  serviceAreaId: number | null;
  public: boolean;
  publish: 'draft' | 'now' | 'later';
  publishAt: string | null;
}

/** The row and, for a time already passed, the note that it went out now instead. */
function rowOf(v: PostInput, now: Date) {
  if (v.audience === 'area' && v.serviceAreaId === null) throw new UserError('Choose the directorate the post is for', { field: 'serviceAreaId' });
  if (v.publish === 'later' && v.publishAt === null) throw new UserError('Enter when to publish, like 2026-12-14T09:00', { field: 'publishAt' });
  if (v.public && v.audience !== 'all') throw new UserError('Only a post for all staff can go on the public progress page', { field: 'public' });
  // Times typed in the form are UK local time.
  const asked = v.publish === 'draft' ? null : v.publish === 'now' ? now.toISOString() : ukTime(v.publishAt!);
  const { at, movedToNow } = publishingTime(asked, now);
  return {
    row: {
      title: v.title,
      title_cy: v.titleCy,
      body: v.body,
      body_cy: v.bodyCy,
      audience: v.audience,
      service_area_id: v.audience === 'area' ? v.serviceAreaId : null,
      public: v.public ? 1 : 0,
      publish_at: at,
    },
    movedToNow: movedToNow && v.publish === 'later',
  };
}

/** A local UK time typed as YYYY-MM-DDTHH:MM, as an instant. */
export const ukTime = (local: string) => DateTime.fromISO(local.slice(0, 16), { zone: 'Europe/London' }).toUTC().toISO()!;

export async function writePost(db: Db, actor: Actor, organisationId: number, v: PostInput, id: number | null = null, now = new Date()) {
  const { row, movedToNow } = rowOf(v, now);
  const at = now.toISOString();
  const saved = await auditedWrite(db, actor, async (tx, audit) => {
    if (id === null) {
      const newId = await q.insertPost(tx, { organisation_id: organisationId, ...row, author_id: actor.personId, created_at: at, updated_at: at });
      await audit.created(
        'post',
        newId,
        { title: row.title, audience: row.audience, publish_at: row.publish_at },
        `Wrote the post ${row.title}`,
        organisationId,
      );
      return newId;
    }
    const before = await q.postById(tx, organisationId, id);
    if (!before) throw new NotFoundError('There is no such post');
    await q.updatePost(tx, organisationId, id, { ...row, updated_at: at });
    await audit.updated(
      'post',
      id,
      { title: before.title, publish_at: before.publish_at, public: before.public },
      { title: row.title, publish_at: row.publish_at, public: row.public },
      `Changed the post ${row.title}`,
      organisationId,
    );
    return id;
  });
  forgetPublicPages(organisationId);
  return { id: saved, state: postState(row.publish_at, at), movedToNow };
}

/** Whether a published post is meant for this person: IT posts for the IT department, the rest for everyone. */
export const isForReader = (post: { audience: PostAudience }, identity: Identity) => post.audience !== 'it' || identity.role !== 'requester';

/** The published posts a person may read, newest first. */
export async function postsForReader(db: Db, identity: Identity, limit = 20, now = new Date()) {
  const posts = await q.publishedPosts(db, identity.organisation.id, now.toISOString(), { limit: limit * 2 });
  return posts.filter((p) => isForReader(p, identity)).slice(0, limit);
}
