import { referenceKind } from '../inputs/references.js';
import { activeMemberEmailsAmong, anyMember, anyToken, memberIdsAmong, organisationIdsOfPerson, tokenIdsAmong } from './reference.queries.js';

/** A person of the organisation, by id (disabled people included: an admin can still open them). */
export const member = referenceKind<number>({
  noun: 'person',
  message: 'Choose someone in this organisation',
  existing: (db, { organisationId }, ids) => memberIdsAmong(db, organisationId, ids, false),
  sample: async (db, { organisationId }) => (await anyMember(db, organisationId))?.id ?? null,
});

/** A person who can be given work (an assignee, an owner): active in the organisation. */
export const activeMember = referenceKind<number>({
  noun: 'person',
  message: 'Choose someone active in this organisation',
  existing: (db, { organisationId }, ids) => memberIdsAmong(db, organisationId, ids, true),
  sample: async (db, { organisationId }) => (await anyMember(db, organisationId))?.id ?? null,
});

/** Someone named by their email address: a requester, a watcher, a contract owner. */
export const activeMemberEmail = referenceKind<string>({
  noun: 'person',
  message: 'There is no one with that email address in this organisation',
  existing: (db, { organisationId }, emails) => activeMemberEmailsAmong(db, organisationId, emails),
  sample: async (db, { organisationId }) => (await anyMember(db, organisationId))?.email ?? null,
});

/** One of the organisation's API tokens; the account page also checks it is the person's own. */
export const apiToken = referenceKind<number>({
  noun: 'token',
  message: 'There is no such token',
  existing: (db, { organisationId }, ids) => tokenIdsAmong(db, organisationId, ids),
  sample: (db, { organisationId }) => anyToken(db, organisationId),
});

/** One of the organisations the person belongs to (to switch to it): the person's, not the organisation's. */
export const yourOrganisation = referenceKind<number>({
  noun: 'organisation',
  message: 'Choose one of your organisations',
  existing: (db, { personId }, ids) => organisationIdsOfPerson(db, personId, ids),
  sample: async (_db, { organisationId }) => organisationId,
});
