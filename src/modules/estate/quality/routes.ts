import type { FastifyInstance } from 'fastify';
import { identityOf } from '../../../platform/index.js';
import { estate } from '../abilities.js';
import { conflictingEndOfSupport, endedContractsStillLinked, productsWithoutVersion, systemsWithoutOwner } from './queries.js';

/** Everything the register contradicts or lacks, counted; shared with the insights summary. */
export async function dataQualityOf(db: Parameters<typeof productsWithoutVersion>[0], organisationId: number, today: string) {
  const [conflicts, noVersion, noOwner, ended] = await Promise.all([
    conflictingEndOfSupport(db, organisationId),
    productsWithoutVersion(db, organisationId),
    systemsWithoutOwner(db, organisationId),
    endedContractsStillLinked(db, organisationId, today),
  ]);
  return { conflicts, noVersion, noOwner, ended };
}

export async function dataQualityRoutes(app: FastifyInstance) {
  const { db } = app.steward;
  app.get('/estate/data-quality', { config: { access: estate.read } }, async (request, reply) => {
    const today = new Date().toISOString().slice(0, 10);
    const q = await dataQualityOf(db, identityOf(request).organisation.id, today);
    return reply.render('modules/estate/quality/views/data-quality.njk', {
      title: 'Data quality of the register',
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Tech estate', href: '/estate' },
      ],
      ...q,
      most: 500,
    });
  });
}
