import type { FastifyInstance } from 'fastify';
import type { StewardModule } from '../../platform/index.js';
import { estate } from './abilities.js';
import { contractDecisionsCard } from './contracts/home-card.js';
import { estateMigrations } from './migrations.js';
import { estateRoutes } from './routes.js';
import { estateApi } from './api.js';
import { loadEstateDemo } from './demo.js';
import { contractRoutes } from './contracts/routes.js';
import { insightRoutes } from './insights.js';
import { mapRoutes } from './map.js';
import { systemsImport } from './import/systems.js';
import { relationshipsImport } from './import/relationships.js';
import { suppliersImport } from './import/suppliers.js';
import { contractsImport } from './import/contracts.js';
import { registerImport } from './import/register.js';
import { contractApi } from './contracts/api.js';
import { capabilityRoutes } from './capabilities/routes.js';
import { capabilityApi } from './capabilities/api.js';
import { sendContractAlerts } from './contracts/service.js';
import { incidentImpactPanel } from './panels.js';
import { impactRoutes } from './impact/routes.js';
import { dataQualityRoutes } from './quality/routes.js';
import { estateLinkables } from './records.js';
import { estateMeasures } from './measures.js';
import { contractsPackSection } from './contracts/pack.js';

export { createSystem, addRelationship, systemsOfService, nothingKnown, decideLifecycle } from './service.js';
export { impactOf, criticalSystems, systemNeighbours } from './impact/service.js';
export { estateVersion } from './impact/queries.js';
export { estateRecords } from './references.js';
export {
  systemIdsByIdentifierOrName,
  systemOfHost,
  systemsWithHosts,
  systemNamesByIds,
  systemsLookedAfter,
  systemChoices,
  findSystem as systemById,
} from './queries.js';
export { normaliseHost } from './hosts.js';
export { contractDecisions } from './contracts/service.js';
export { contractIdsByReference, supplierIdsByName } from './contracts/queries.js';
export { estate as estateAbilities } from './abilities.js';
export { estateLinkables } from './records.js';

/** The tech estate: the systems register, relationships, data flows and impact analysis. */
export const estateModule: StewardModule = {
  packSections: [contractsPackSection],
  measures: estateMeasures,
  name: 'estate',
  migrations: estateMigrations,
  routes: async (app: FastifyInstance) => {
    await estateRoutes(app);
    await estateApi(app);
    await contractRoutes(app);
    await insightRoutes(app);
    await mapRoutes(app);
    await impactRoutes(app);
    await dataQualityRoutes(app);
    await contractApi(app);
    await capabilityRoutes(app);
    await capabilityApi(app);
  },
  jobs: [{ name: 'contract-alerts', everyMs: 3600_000, run: async (db, now) => void (await sendContractAlerts(db, now)) }],
  demo: loadEstateDemo,
  navigation: [
    { text: 'Tech estate', href: '/estate', access: estate.read, order: 12 },
    { text: 'Suppliers and contracts', href: '/estate/contracts', access: estate.read, order: 13 },
  ],
  areas: [
    {
      slug: 'estate',
      name: 'Tech estate',
      summary: 'Every system and its place: layer, area, hosting, lifecycle, owners, cost and dependencies.',
      href: '/estate',
      access: estate.read,
      order: 12,
    },
    {
      slug: 'suppliers',
      name: 'Suppliers and contracts',
      summary: 'Contracts with notice deadlines and renewal alerts, and the suppliers behind them.',
      href: '/estate/contracts',
      access: estate.read,
      order: 13,
    },
  ],
  homeCards: [contractDecisionsCard],
  // Systems first: relationships and contracts name them.
  imports: [registerImport, systemsImport, relationshipsImport, suppliersImport, contractsImport],
  panels: { ticket: incidentImpactPanel },
  records: estateLinkables,
};
