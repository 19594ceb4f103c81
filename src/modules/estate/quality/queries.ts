import { sql } from 'kysely';
import type { Db } from '../../../platform/index.js';

/**
 * The register's own contradictions and gaps, each a list with a count: what a Head of IT fixes
 * before trusting the estate map.
 */
const most = 500;

/** The same product and version with different end-of-support dates: at most one can be right. */
export async function conflictingEndOfSupport(db: Db, organisationId: number) {
  const groups = await db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .where('product', 'is not', null)
    .where('version', 'is not', null)
    .where('end_of_support', 'is not', null)
    .groupBy(['product', 'version'])
    .having(sql<boolean>`count(distinct end_of_support) > 1`)
    .select(['product', 'version', sql<number>`count(*)`.as('systems')])
    .orderBy('product')
    .orderBy('version')
    .limit(most)
    .execute();
  if (!groups.length) return [];
  const systems = await db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or(groups.map((g) => eb.and([eb('product', '=', g.product!), eb('version', '=', g.version!)]))))
    .select(['id', 'name', 'product', 'version', 'end_of_support', 'end_of_support_precision'])
    .orderBy('end_of_support')
    .orderBy('name')
    .limit(5000)
    .execute();
  return groups.map((g) => ({ ...g, systems: systems.filter((s) => s.product === g.product && s.version === g.version) }));
}

/** Systems naming a product with no version: end of support cannot be known. */
export async function productsWithoutVersion(db: Db, organisationId: number) {
  return db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .where('product', 'is not', null)
    .where('version', 'is', null)
    .select(['id', 'name', 'product'])
    .orderBy('product')
    .orderBy('name')
    .limit(most + 1)
    .execute();
}

/** Systems with no business owner, technical owner or service manager. */
export async function systemsWithoutOwner(db: Db, organisationId: number) {
  return db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .where('business_owner_id', 'is', null)
    .where('technical_owner_id', 'is', null)
    .where('service_manager_id', 'is', null)
    .where('business_owner_text', 'is', null)
    .where('technical_owner_text', 'is', null)
    .select(['id', 'name', 'criticality'])
    .orderBy(sql`coalesce(criticality, 9)`)
    .orderBy('name')
    .limit(most + 1)
    .execute();
}

/** Contracts that have ended but are still the only contract linked to a system: either renewed and not recorded, or running without one. */
export async function endedContractsStillLinked(db: Db, organisationId: number, today: string) {
  return db
    .selectFrom('contract_systems as cs')
    .innerJoin('contracts as c', 'c.id', 'cs.contract_id')
    .innerJoin('systems as s', 's.id', 'cs.system_id')
    .where('cs.organisation_id', '=', organisationId)
    .where('c.end_date', '<', today)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('contract_systems as other')
            .innerJoin('contracts as oc', 'oc.id', 'other.contract_id')
            .whereRef('other.system_id', '=', 'cs.system_id')
            .where('oc.end_date', '>=', today)
            .select('other.contract_id'),
        ),
      ),
    )
    .select(['c.id as contract_id', 'c.reference', 'c.end_date', 's.id as system_id', 's.name as system_name'])
    .orderBy('c.end_date')
    .orderBy('s.name')
    .limit(most + 1)
    .execute();
}
