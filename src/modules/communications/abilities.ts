import { abilitiesOf, ability } from '../../platform/index.js';

/** Who may tell people what: the desk tells people about problems as they happen; managers shape the pages. */
export const communications = abilitiesOf('Telling people', {
  updateStatus: ability('status.update', {
    description: 'Tell staff and the public about a problem with a service, update it until it is resolved, and announce planned work',
    roles: ['agent', 'manager', 'admin'],
  }),
  manage: ability('communications.manage', {
    description: 'Choose what the status page shows and which of it is public, set up the public pages, and choose what the progress page publishes',
    roles: ['manager', 'admin'],
  }),
  write: ability('posts.write', {
    description: 'Write, schedule and publish announcements and blog posts for staff',
    roles: ['manager', 'admin'],
  }),
  readPosts: ability('posts.read', {
    description: 'Read every post, drafts and scheduled ones included, and who it is for',
    roles: ['agent', 'manager', 'admin', 'viewer'],
  }),
  // Board members and auditors are viewers; replying to a post is telling IT what they think, not changing a record.
  feedback: ability('posts.feedback', {
    description: 'Send feedback on a published post, which IT sees in its engagement log',
    roles: ['requester', 'agent', 'manager', 'admin', 'viewer'],
    viewersMayWrite: true,
  }),
});
