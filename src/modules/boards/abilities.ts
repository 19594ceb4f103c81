import { abilitiesOf, ability, type Identity } from '../../platform/index.js';

/** Managers and admins keep every board; anyone else only the boards they sit on. */
const sitsOn = (identity: Identity, board: { memberPersonIds: number[] }) =>
  identity.role === 'manager' || identity.role === 'admin' || board.memberPersonIds.includes(identity.person.id);

/** Who may see and keep the boards, their meetings, the decision log and the actions. */
export const boards = abilitiesOf('Strategy and governance', {
  read: ability('boards.read', {
    description: 'Read the boards, their terms of reference and members, meetings, papers and minutes, the decision log and the actions',
    roles: ['agent', 'manager', 'admin', 'viewer'],
  }),
  manage: ability('boards.manage', {
    description: 'Set up boards and their members, arrange meetings, and keep their agendas and papers',
    roles: ['manager', 'admin'],
  }),
  // Board members are mostly viewers: this is the one thing a viewer may change, for a board they sit on.
  record: ability<{ memberPersonIds: number[] }>('boards.record', {
    description: 'For a board you sit on (managers and admins: any board): record attendance and minutes, decisions and actions, and mark actions done',
    roles: ['agent', 'manager', 'admin', 'viewer'],
    viewersMayWrite: true,
    when: sitsOn,
  }),
  signOff: ability<{ memberPersonIds: number[] }>('boards.sign-off', {
    description: 'For a board you chair or vice-chair (managers and admins: any board): sign off a meeting’s minutes as a true record',
    roles: ['agent', 'manager', 'admin', 'viewer'],
    viewersMayWrite: true,
    when: sitsOn,
  }),
});
