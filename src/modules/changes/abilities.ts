import { abilitiesOf, ability } from '../../platform/index.js';

/** A CAB member votes only on the CAB they sit on: nobody else's vote counts, whatever their role. */
const onTheCab = (identity: { person: { id: number } }, cab: { memberPersonIds: number[] }) => cab.memberPersonIds.includes(identity.person.id);

/** Who may raise, approve, vote on and schedule changes, and keep the CAB and freeze windows. */
export const changes = abilitiesOf('Service desk', {
  read: ability('changes.read', {
    description: 'Read changes, their approvals and votes, the change calendar, the CAB and the freeze windows',
    roles: ['agent', 'manager', 'admin', 'viewer'],
  }),
  raise: ability('changes.raise', {
    description: 'Raise and edit changes, submit them to the CAB, schedule them and record how they went',
    roles: ['agent', 'manager', 'admin'],
  }),
  approve: ability('changes.approve', {
    description: 'As change manager: approve or reject a low-risk normal change',
    roles: ['manager', 'admin'],
  }),
  approveAsHead: ability('changes.approve-as-head', {
    description: 'As Head of IT: approve or reject a high-risk change after the CAB',
    roles: ['admin'],
  }),
  vote: ability<{ memberPersonIds: number[] }>('changes.vote', {
    description: 'For a member of the change advisory board: vote on the changes awaiting the CAB (approve, approve with conditions, reject)',
    roles: ['agent', 'manager', 'admin', 'viewer'],
    viewersMayWrite: true,
    when: onTheCab,
  }),
  manage: ability('changes.manage', {
    description: 'Keep the CAB’s members and quorum, and the freeze windows',
    roles: ['manager', 'admin'],
  }),
});
