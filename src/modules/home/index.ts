import type { StewardModule } from '../../platform/index.js';
import { homeRoutes } from './routes.js';

export const homeModule: StewardModule = {
  name: 'home',
  routes: homeRoutes,
  navigation: [{ text: 'Home', href: '/', access: 'signed-in', order: 0 }],
};
