// The change pages: the list, raising a change, a change, the calendar, the CAB and the freeze windows.
import { StewardPage } from './base.js';

export class ChangesPage extends StewardPage {
  static readonly path = '/changes';
}

export class RaiseChangePage extends StewardPage {
  static readonly path = '/changes/new';

  async raise(c: { title: string; kind: string; risk: Record<string, string>; systems: string[]; start: string; end: string; backout: string }) {
    await this.fill({ 'What is the change': c.title, 'Planned start (optional)': c.start, 'Planned end (optional)': c.end, 'Backout plan': c.backout });
    await this.choose(c.kind, ...c.systems);
    for (const [question, answer] of Object.entries(c.risk)) await this.page.getByRole('group', { name: question }).getByLabel(answer, { exact: true }).check();
    await this.press('Raise the change');
  }
}

export class ChangePage extends StewardPage {
  async submitForApproval() {
    await this.press('Submit for approval');
  }

  async vote(decision: 'Approve' | 'Approve with conditions' | 'Reject', conditions = '') {
    await this.choose(decision);
    if (conditions) await this.fill({ 'Conditions (for approve with conditions)': conditions });
    await this.press('Vote');
  }

  conflicts() {
    return this.page.locator('#conflicts-heading + ul').innerText();
  }
}

export class CalendarPage extends StewardPage {
  static readonly path = '/changes/calendar';
}

export class CabPage extends StewardPage {
  static readonly path = '/changes/cab';
}

export class FreezeWindowsPage extends StewardPage {
  static readonly path = '/changes/freeze-windows';

  async set(f: { name: string; starts: string; ends: string }) {
    await this.fill({ Name: f.name, Starts: f.starts, Ends: f.ends });
    await this.press('Set the freeze window');
  }
}
