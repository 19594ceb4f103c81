import { organisationRows, type StewardModule } from '../../platform/index.js';
import { teamMigrations } from './migrations.js';

export { createTeam, addTeamMember, describeTeam, addTeamWithin } from './service.js';
export { teamFocuses, isTeamFocus, focusName, focusKind, type TeamFocus } from './focus.js';
/** A team of the organisation, as a form or the API names it. */
export const team = organisationRows('teams', { noun: 'team', message: 'Choose one of the teams' });

export { teamsOf, findTeam, isMember, membersOf, teamsOfPerson, allTeamMembers } from './queries.js';

/** Teams of the IT department: resolver teams on the service desk, and later the people area's teams. */
export const teamsModule: StewardModule = {
  name: 'teams',
  migrations: teamMigrations,
};
