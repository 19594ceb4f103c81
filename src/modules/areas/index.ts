import type { StewardModule } from '../../platform/index.js';
import { areas } from './areas.js';
import { areaRoutes } from './routes.js';

export { areas } from './areas.js';

export const areasModule: StewardModule = {
  name: 'areas',
  routes: areaRoutes,
  navigation: areas.map((a) => ({ text: a.name, href: `/${a.slug}`, access: a.access })),
};
