import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, startRig, type BrowserRig } from './support.js';
import { closeVisitors, Visitor } from './pages/base.js';
import { HomePage, NeedsAttentionPage } from './pages/platform.js';
import { TicketPage } from './pages/service-desk.js';
import {
  CapabilitiesPage,
  ContractAlertsPage,
  ContractsPage,
  EstatePage,
  ImportPage,
  InsightsPage,
  MapPage,
  SuppliersPage,
  SystemPage,
} from './pages/estate.js';
import { anOrganisation, aContract, aPerson, aSystem } from '../support/factories.js';

// Each journey signs in as a manager of its own: in the demo council to read the demo's estate (and
// add only records of its own), in an organisation of its own to import or to change contracts.
describe.skipIf(!haveChromium)('the tech estate in Chromium, with axe on every page', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterEach(closeVisitors);
  afterAll(async () => {
    await rig?.close();
  });

  const aDemoManager = async () => Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'manager' }));

  it('shows contract decisions on the home page and the register with filters', async () => {
    const manager = await aDemoManager();
    const home = manager.on(HomePage);
    expect(await home.main()).toContain('Contracts needing a decision');
    await home.follow('Tech estate', home.areas());
    const register = manager.on(EstatePage);
    await register.filter({ words: 'revenues', hosting: 'on-premises' });
    expect(await register.table()).toContain('Revenues and benefits');
  });

  it('shows a system with its relationships and what breaks if it fails', async () => {
    const manager = await aDemoManager();
    const system = await (await manager.visit(EstatePage, EstatePage.searchFor('Storage area network'))).openSystem('Storage area network');
    expect(await system.main()).toMatch(/\d+ systems fail with it/);
    await system.graphDrawn();
    await system.screenshot('estate-system');
    await system.follow(/^Everything it reaches, and how/);
    expect(await system.heading()).toBe('If Storage area network fails');
    expect(await system.main()).toContain('How the failure reaches it');
    await system.screenshot('estate-impact');
    await system.follow('Storage area network');
    const form = await system.edit();
    await form.save({ 'Annual cost (£)': '-1' });
    expect(await form.errorSummary()).toContain('The annual cost cannot be negative');
  });

  it('lists contracts by notice deadline and adds one; shows suppliers, insights and the map', async () => {
    const manager = await aDemoManager();
    const form = await (await manager.visit(ContractsPage)).add();
    const contract = await form.save({
      reference: 'EWC-9999',
      title: 'Wi-Fi refresh',
      supplier: { index: 1 },
      start: '2026-01-01',
      end: '2028-12-31',
      noticeMonths: '3',
      procurementRoute: 'open',
    });
    expect(await contract.summaryList()).toContain('30 September 2028');
    await manager.visit(SuppliersPage);
    expect(await (await manager.visit(InsightsPage)).heading()).toBe('Estate insights');
    const map = await manager.visit(MapPage);
    expect(await map.pictures()).toBe(3);
    await map.screenshot('estate-map');
  });

  it('imports systems from a spreadsheet after a preview, with progress and the meaning of free-text words confirmed', async () => {
    const org = await anOrganisation(rig);
    const manager = await Visitor.signedIn(rig, await aPerson(rig, org, { role: 'manager' }));
    const preview = await (
      await manager.visit(ImportPage)
    ).upload({
      name: 'register.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'System Ref,Application Name,Hosted,EOL\r\nNEW-1,Parking permits,Supplier hosted,Mar-27\r\nNEW-2,Pest control,On Prem,31/02/2027\r\nNEW-3,Allotments,Basement,\r\n',
      ),
    });
    // Every row names a system, so every row goes in; what cannot be read goes in as not known.
    expect(await preview.main()).toContain('3 rows can be imported');
    expect(await preview.main()).toContain('2 cells go in as not known');
    await preview.screenshot('estate-import-preview');
    await preview.mean('Hosting', 'Basement', 'On-premises');
    expect(await preview.main()).toContain('1 cell goes in as not known');
    await preview.importRows(3, '3 systems added');
    const register = await manager.visit(EstatePage, EstatePage.searchFor('Allotments'));
    expect(await register.main()).toContain('On-premises');
    const attention = await manager.visit(NeedsAttentionPage);
    expect(await attention.main()).toContain('Could not be read (1)');
    await attention.screenshot('needs-attention');
    await attention.putRight('Pest control', 'End of support', '30/02/2027');
    expect(await attention.errorSummary()).toContain('30/02/2027 is not a real date');
    await attention.putRight('Pest control', 'End of support', 'Feb 2027');
    expect(await attention.flash()).toContain('Pest control: End of support saved');
    expect(await attention.main()).toContain('Could not be read (0)');
  });

  it('records business capabilities and what a system supports, and shows the systems behind a service on its incidents', async () => {
    const kiosks = await aSystem(rig, rig.demo, { name: 'Library self-service kiosks' });
    const manager = await aDemoManager();
    const capability = await (await manager.visit(CapabilitiesPage)).open('Bookings and payments');
    expect(await capability.main()).toContain('a candidate for consolidation');
    const system = await (await manager.visit(SystemPage, SystemPage.at(kiosks.id))).changeWhatItSupports();
    expect(await (await system.save('Reporting and analytics')).supports()).toContain('Reporting and analytics');

    const api = manager.page.request;
    const services = (await (await api.get(`${rig.baseUrl}/api/v1/services`)).json()) as { items: { id: number; name: string }[] };
    const m365 = services.items.find((s) => s.name === 'Microsoft 365');
    expect(m365, 'the demo’s Microsoft 365 service').toBeDefined();
    const incidents = (await (await api.get(`${rig.baseUrl}/api/v1/tickets?kind=incident&service=${m365!.id}&limit=1`)).json()) as {
      items: { reference: string }[];
    };
    expect(incidents.items).toHaveLength(1);
    const ticket = await manager.visit(TicketPage, `/service-desk/tickets/${incidents.items[0]!.reference}`);
    expect(await ticket.main()).toContain('Systems behind this service');
    await ticket.screenshot('estate-incident-impact');
  });

  it('changes a contract, its supplier and when owners are alerted', async () => {
    const org = await anOrganisation(rig);
    const owner = await aPerson(rig, org, { role: 'manager' });
    await aContract(rig, org, { owner });
    const manager = await Visitor.signedIn(rig, owner);
    const form = await (await (await manager.visit(ContractsPage)).openFirst()).change();
    const contract = await form.save({ title: 'Changed in the browser' });
    expect(await contract.flash()).toContain('Saved contract');
    await contract.supplier();
    const alerts = await manager.visit(ContractAlertsPage);
    await alerts.setLeadMonths('12, 6, 3, 1');
    expect(await alerts.main()).toContain('emailed 12, 6, 3, 1 months before it');
  });
});
