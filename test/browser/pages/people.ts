// People and skills' pages: the department's people, teams, the organisation chart, vacancies, the
// skills matrix and the capability framework.
import { StewardPage } from './base.js';

export class PeopleAndSkillsPage extends StewardPage {
  static readonly path = '/people';

  async departmentsPeople() {
    await this.follow('The department’s people');
    return this.visitor.on(StaffPage);
  }
}

export class StaffPage extends StewardPage {
  static readonly path = '/people/staff';

  async filter(filters: { words?: string; team?: string; contract?: string }) {
    if (filters.words !== undefined) await this.fill({ 'Name, job title or email': filters.words });
    if (filters.team) await this.select('Team', { label: filters.team });
    if (filters.contract) await this.select('Contract', { label: filters.contract });
    await this.press('Show');
  }

  /** The names in the list, in order. */
  names() {
    return this.page.locator('main table tbody tr td:first-child a').allInnerTexts();
  }

  async openPerson(name: string) {
    await this.follow(name, this.page.locator('main table'));
    return this.visitor.on(PersonPage);
  }

  async add() {
    await this.follow('Add a person');
    return this.visitor.on(PersonFormPage);
  }
}

export interface PersonFields {
  name?: string;
  email?: string;
  jobTitle?: string;
  grade?: string;
  contract?: string;
  startDate?: string;
}

export class PersonFormPage extends StewardPage {
  static readonly path = '/people/staff/new';

  async save(person: PersonFields) {
    if (person.name !== undefined) await this.fill({ Name: person.name });
    if (person.email !== undefined) await this.fill({ 'Work email (optional)': person.email });
    if (person.jobTitle !== undefined) await this.fill({ 'Job title': person.jobTitle });
    if (person.grade !== undefined) await this.fill({ 'Grade (optional)': person.grade });
    if (person.contract !== undefined) await this.select('Contract', { label: person.contract });
    if (person.startDate !== undefined) await this.fill({ 'Start date (optional)': person.startDate });
    await this.press('Save');
    return this.visitor.on(PersonPage);
  }
}

export class PersonPage extends StewardPage {
  static at(id: number) {
    return `/people/staff/${id}`;
  }
}

export class TeamPage extends StewardPage {
  static at(id: number) {
    return `/people/teams/${id}`;
  }
}

export class OrgChartPage extends StewardPage {
  static readonly path = '/people/org-chart';

  pictureBoxes() {
    return this.page.locator('svg.steward-org-chart rect').count();
  }

  /** The chart written out as a list, under "As a list". */
  asAList() {
    return this.page.locator('#as-a-list + ul').innerText();
  }
}

export class SkillsMatrixPage extends StewardPage {
  static readonly path = '/people/skills';

  matrix() {
    return this.page.locator('table.steward-skills-matrix');
  }

  /**
   * Follows a team's name in the department's matrix to that team's people against each skill: the
   * same path with `?teamId=`, so it is checked as a state of its own (a different table).
   */
  async openTeam(name: string) {
    await this.follow(name, this.matrix());
    await this.visitor.check('one team');
    return this.visitor.on(SkillsMatrixPage);
  }

  /** The row headers of the matrix: teams for the department, people for a team. */
  rows() {
    return this.matrix().locator('tbody th').allInnerTexts();
  }
}

export class VacanciesPage extends StewardPage {
  static readonly path = '/people/vacancies';

  async record() {
    await this.follow('Record a vacant post');
    return this.visitor.on(VacancyFormPage);
  }
}

export interface VacancyFields {
  title?: string;
  grade?: string;
  team?: string;
  reportsTo?: string;
  since?: string;
  timesAdvertised?: string;
}

export class VacancyFormPage extends StewardPage {
  static readonly path = '/people/vacancies/new';

  async save(post: VacancyFields) {
    if (post.title !== undefined) await this.fill({ 'Post title': post.title });
    if (post.grade !== undefined) await this.fill({ 'Grade (optional)': post.grade });
    if (post.team !== undefined) await this.select('Team', { label: post.team });
    if (post.reportsTo !== undefined) await this.select('Reports to', { label: post.reportsTo });
    if (post.since !== undefined) await this.fill({ 'Vacant since': post.since });
    if (post.timesAdvertised !== undefined) await this.fill({ 'Times advertised': post.timesAdvertised });
    await this.press('Save');
    return this.visitor.on(VacanciesPage);
  }
}

export class FrameworkPage extends StewardPage {
  static readonly path = '/people/framework';

  async openRole(name: string) {
    await this.follow(name);
    return this.visitor.on(RolePage);
  }
}

export class RolePage extends StewardPage {
  static at(id: number) {
    return `/people/framework/roles/${id}`;
  }
}
