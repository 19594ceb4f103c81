import { offerMeasures, offerPackSections, offerPlannedWork, offerProgressSources, type StewardModule } from '../platform/index.js';
import { homeModule } from './home/index.js';
import { areasModule } from './areas/index.js';
import { teamsModule } from './teams/index.js';
import { serviceDeskModule } from './service-desk/index.js';
import { problemsModule } from './problems/index.js';
import { estateModule } from './estate/index.js';
import { assessmentsModule } from './assessments/index.js';
import { cyberModule } from './cyber/index.js';
import { trainingModule } from './training/index.js';
import { peopleModule } from './people/index.js';
import { strategyModule } from './strategy/index.js';
import { boardsModule } from './boards/index.js';
import { kpisModule } from './kpis/index.js';
import { budgetModule } from './budget/index.js';
import { stakeholdersModule } from './stakeholders/index.js';
import { communicationsModule } from './communications/index.js';
import { changesModule } from './changes/index.js';

/** Every capability module, in navigation order. Add a module here and it is routed, migrated and demoed. */
export const modules: StewardModule[] = [
  homeModule,
  serviceDeskModule,
  areasModule,
  teamsModule,
  estateModule,
  problemsModule,
  assessmentsModule,
  trainingModule,
  cyberModule,
  peopleModule,
  strategyModule,
  boardsModule,
  kpisModule,
  budgetModule,
  stakeholdersModule,
  communicationsModule,
  changesModule,
];

// Measures are offered as the modules load, so the demo loader and jobs see them as the pages do.
offerMeasures(modules.flatMap((m) => m.measures ?? []));
offerPackSections(modules.flatMap((m) => m.packSections ?? []));
offerProgressSources(modules.flatMap((m) => m.progressSources ?? []));
offerPlannedWork(modules.flatMap((m) => m.plannedWork ?? []));
