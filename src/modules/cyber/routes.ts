import type { FastifyInstance } from 'fastify';
import { can, date, identityOf, own } from '../../platform/index.js';
import { assessmentAbilities, assessmentsOf, assessmentView } from '../assessments/index.js';
import { cyber } from './abilities.js';

const view = (name: string) => `modules/cyber/views/${name}.njk`;

/** The cyber page for the Head of IT and the board: where the council stands against the CAF, this year and last. */
export async function cyberRoutes(app: FastifyInstance) {
  const { db } = app.steward;
  app.get('/cyber', { config: { access: cyber.read } }, async (request, reply) => {
    const identity = identityOf(request);
    const orgId = identity.organisation.id;
    const all = await assessmentsOf(db, orgId);
    const caf = all.filter((a) => a.framework_key === 'caf');
    const latest = caf.find((a) => a.scope === 'organisation') ?? caf[0];
    const current = latest ? await assessmentView(db, orgId, Number(latest.id)) : null;
    const objectives = current
      ? current.framework.nodes
          .filter((n) => n.parentId === null)
          .map((top) => {
            const under = [...current.outcomes.values()].filter((o) => o.node.code.startsWith(top.code));
            const withTarget = under.filter((o) => o.target);
            return {
              code: top.code,
              title: top.title,
              outcomes: under.length,
              achieved: under.filter((o) => o.status === 'achieved').length,
              partially: under.filter((o) => o.status === 'partially-achieved').length,
              notAchieved: under.filter((o) => o.status === 'not-achieved').length,
              notAssessed: under.filter((o) => !o.status).length,
              met: withTarget.filter((o) => o.meets).length,
              targets: withTarget.length,
              lastMet: under.filter((o) => o.lastYear === 'achieved').length,
            };
          })
      : [];
    return reply.render(view('cyber'), {
      title: 'Cyber and risk',
      breadcrumbs: [{ text: 'Home', href: '/' }],
      latest: latest ? { ...latest, period: `${date(latest.period_start)} to ${date(latest.period_end)}` } : null,
      current,
      objectives,
      hasPrevious: !!current?.assessment.previous_id,
      assessments: caf.map((a) => ({ ...a, period: `${date(a.period_start)} to ${date(a.period_end)}` })),
      others: all.filter((a) => a.framework_key !== 'caf').length,
      canManage: can(identity, assessmentAbilities.manage),
      profileName: current?.framework.definition.profiles.find((p) => p.key === current.assessment.profile_key)?.name ?? null,
      stateName: (s: string) => own({ draft: 'Draft', 'in-review': 'In review', 'ready-for-approval': 'Ready for approval', approved: 'Approved' }, s) ?? s,
    });
  });
}
