import type { StewardModule } from '../../platform/index.js';
import { placeholderCards } from './areas.js';
import { areaRoutes } from './routes.js';

export { areas, areaOrder } from './areas.js';

export const areasModule: StewardModule = {
  name: 'areas',
  routes: areaRoutes,
  areas: placeholderCards,
  // The navigation holds only areas that exist: an area still waiting for its module is a card on
  // the home page, never a tab that leads to a page saying nothing is there.
  navigation: [],
};
