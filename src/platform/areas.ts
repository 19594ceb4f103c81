import type { FastifyInstance } from 'fastify';
import { allows } from './access/roles.js';
import type { Identity } from './auth/identity.js';
import type { AreaCard, HomeCard, NavigationItem, StewardModule } from './module.js';
import type { ImportKind } from './imports/contract.js';

/**
 * What modules offer for the pages and navigation they share: area cards, home cards and
 * navigation items. A placeholder (an area still waiting for its module) gives way to any module
 * that offers the same slug or address, so adding a module edits nothing but the module list.
 */
export function areaCardsOf(modules: StewardModule[]): AreaCard[] {
  const cards = modules.flatMap((m) => m.areas ?? []);
  const claimed = new Set(cards.filter((c) => !c.placeholder).map((c) => c.slug));
  return cards.filter((c) => !c.placeholder || !claimed.has(c.slug)).sort((a, b) => a.order - b.order);
}

export function navigationOf(modules: StewardModule[], extra: NavigationItem[] = []): NavigationItem[] {
  const items = [...modules.flatMap((m) => m.navigation ?? []), ...extra];
  const claimed = new Set(items.filter((n) => !n.placeholder).map((n) => n.href));
  const kept = items.filter((n) => !n.placeholder || !claimed.has(n.href));
  return kept
    .map((n, i) => ({ n, i }))
    .sort((a, b) => (a.n.order ?? 1000 + a.i) - (b.n.order ?? 1000 + b.i))
    .map(({ n }) => n);
}

export const homeCardsOf = (modules: StewardModule[]): HomeCard[] => modules.flatMap((m) => m.homeCards ?? []);

/** Every kind of import, by name; two modules offering the same name is a programming error. */
export function importKindsOf(modules: StewardModule[]): Map<string, ImportKind> {
  const kinds = new Map<string, ImportKind>();
  for (const kind of modules.flatMap((m) => m.imports ?? [])) {
    if (kinds.has(kind.name)) throw new Error(`Two modules offer an import called ${kind.name}`);
    kinds.set(kind.name, kind);
  }
  return kinds;
}

/** The areas this person may open, for the home page. */
export function areasFor(app: FastifyInstance, identity: Identity): AreaCard[] {
  return app.steward.areas.filter((a) => allows(a.access, identity.role));
}

/** Every module's home card for this person; a card that fails is left out and logged. */
export async function homeCardsFor(app: FastifyInstance, identity: Identity) {
  const { db, homeCards } = app.steward;
  const found = await Promise.all(
    homeCards.map(async (card) => {
      try {
        const context = await card.load(db, identity);
        return context ? { name: card.name, template: card.template, context } : null;
      } catch (err) {
        app.log.warn({ err, card: card.name }, 'a home card failed');
        return null;
      }
    }),
  );
  return found.filter((c) => c !== null);
}
