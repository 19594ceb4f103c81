import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { identityOf, problemResponses } from '../../../platform/index.js';
import { cyber } from '../abilities.js';
import { findings, findingsQuery, today } from './service.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const findingSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    cves: z.array(z.string()),
    severity: z.enum(['critical', 'high', 'medium', 'low']),
    cvss: z.number().nullable(),
    host: z.string(),
    port: z.string().describe('`443/tcp`; blank for the host as a whole'),
    system: z.object({ id: z.number().int(), name: z.string() }).nullable().describe('null when no system records the host'),
    firstSeen: z.string(),
    lastSeen: z.string(),
    fixBy: z.string(),
    overdue: z.boolean(),
    status: z.enum(['open', 'accepted', 'closed']),
    acceptedUntil: z.string().nullable(),
    closedOn: z.string().nullable(),
    reopened: z.number().int().describe('How many times a scan found it again after it was closed'),
  })
  .meta({ id: 'VulnerabilityFinding' });

export async function vulnerabilityApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;
  app.get(
    '/api/v1/vulnerabilities',
    {
      config: { access: cyber.readVulnerabilities },
      schema: {
        tags: ['Cyber and risk'],
        security,
        summary:
          'Vulnerability findings, earliest deadline first, filtered by severity, system, host or what to show; pass `next` back as `after`. Scans come in through /api/v1/imports with the kind `vulnerabilities`',
        querystring: findingsQuery,
        response: { 200: z.object({ items: z.array(findingSchema), next: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request) => {
      const on = today();
      const page = await findings(db, identityOf(request).organisation.id, request.query, on);
      return {
        items: page.items.map((f) => ({
          id: Number(f.id),
          title: f.title,
          cves: f.cves ? f.cves.split(', ') : [],
          severity: f.severity,
          cvss: f.cvss === null ? null : Number(f.cvss),
          host: f.host,
          port: f.port,
          system: f.system_id ? { id: Number(f.system_id), name: f.system_name ?? '' } : null,
          firstSeen: String(f.first_seen),
          lastSeen: String(f.last_seen),
          fixBy: String(f.due_on),
          overdue: f.status === 'open' && String(f.due_on) < on,
          status: f.status,
          acceptedUntil: f.accepted_until ? String(f.accepted_until) : null,
          closedOn: f.closed_on ? String(f.closed_on) : null,
          reopened: Number(f.reopened),
        })),
        next: page.next,
      };
    },
  );
}
