import type { StewardModule } from '../../platform/index.js';
import { placeholderCards } from './areas.js';
import { areaRoutes } from './routes.js';

export { areas, areaOrder } from './areas.js';

export const areasModule: StewardModule = {
  name: 'areas',
  routes: areaRoutes,
  areas: placeholderCards,
  navigation: placeholderCards.map((a) => ({ text: a.name, href: a.href, access: a.access, placeholder: true, order: a.order })),
};
