import { absoluteLink, keyFromName } from '../../platform/index.js';
import { summaryIndicator, summaryStatus, worst } from './rules.js';
import type { StatusOf } from './status.js';
import type { IncidentState } from './tables.js';

// The words status-page tools show beside each indicator.
const summaryDescription = {
  operational: 'All Systems Operational',
  maintenance: 'Service Under Maintenance',
  degraded: 'Minor Service Outage',
  partial: 'Partial System Outage',
  major: 'Major System Outage',
} as const;
const impactName = { degraded: 'minor', partial: 'major', major: 'critical' } as const;
const stateName: Record<IncidentState, string> = { investigating: 'investigating', identified: 'identified', monitoring: 'monitoring', resolved: 'resolved' };

/**
 * The status page in the shape status-page tools read (page, status, components with their groups,
 * incidents with their updates, scheduled maintenances), in English, public parts only.
 */
export function statusSummary(page: { short_name: string; name: string; updated_at: string }, s: StatusOf) {
  const url = absoluteLink(`/status/${page.short_name}`);
  const groupIds = new Map<string, string>();
  for (const c of s.components)
    if (c.group_name && !groupIds.has(c.group_name))
      groupIds.set(
        c.group_name,
        `group-${keyFromName(
          c.group_name,
          [...groupIds.values()].map((g) => g.slice(6)),
        )}`,
      );
  const componentOf = (id: number) => s.components.find((c) => c.id === id);
  const component = (c: StatusOf['components'][number]) => ({
    id: String(c.id),
    name: c.name,
    status: summaryStatus[c.status],
    created_at: c.created_at,
    updated_at: c.updated_at,
    position: c.position,
    description: c.description || null,
    showcase: true,
    group_id: c.group_name ? groupIds.get(c.group_name)! : null,
    page_id: page.short_name,
    group: false,
    only_show_if_degraded: false,
  });
  const groups = [...groupIds.entries()].map(([name, id], i) => {
    const members = s.components.filter((c) => c.group_name === name);
    return {
      id,
      name,
      status: summaryStatus[worst(members.map((m) => m.status))],
      position: i + 1,
      description: null,
      showcase: false,
      group_id: null,
      page_id: page.short_name,
      group: true,
      only_show_if_degraded: false,
      components: members.map((m) => String(m.id)),
    };
  });
  const updates = (id: number) =>
    s.updates
      .filter((u) => Number(u.incident_id) === id)
      .map((u) => ({
        id: String(u.id),
        status: stateName[u.state],
        body: u.body,
        incident_id: String(id),
        created_at: u.at,
        updated_at: u.at,
        display_at: u.at,
      }));
  return {
    page: { id: page.short_name, name: page.name, url, time_zone: 'Europe/London', updated_at: s.updates[0]?.at ?? page.updated_at },
    status: {
      indicator: summaryIndicator[s.overall],
      description: summaryDescription[s.overall],
    },
    components: [...groups, ...s.components.map(component)],
    incidents: s.open.map((i) => ({
      id: String(i.id),
      name: i.title,
      status: stateName[i.state],
      impact: impactName[i.impact],
      created_at: i.created_at,
      updated_at: i.updated_at,
      started_at: i.started_at,
      resolved_at: i.resolved_at,
      shortlink: url,
      page_id: page.short_name,
      incident_updates: updates(i.id),
      components: i.componentIds.map((c) => component(componentOf(c)!)),
    })),
    scheduled_maintenances: s.maintenance.map((m) => ({
      id: m.key,
      name: m.title,
      status: m.starts_at <= s.now ? 'in_progress' : 'scheduled',
      impact: 'maintenance',
      scheduled_for: m.starts_at,
      scheduled_until: m.ends_at,
      shortlink: url,
      page_id: page.short_name,
      incident_updates: m.body
        ? [{ id: `${m.key}-1`, status: 'scheduled', body: m.body, created_at: m.starts_at, updated_at: m.starts_at, display_at: m.starts_at }]
        : [],
      components: m.componentIds.map((c) => component(componentOf(c)!)),
    })),
  };
}
