import { day, translator, when, type Lang } from './i18n.js';
import { inLanguage } from './rules.js';
import type { StatusOf } from './status.js';
import type { ComponentStatus } from './tables.js';

export const statusColours: Record<ComponentStatus, string> = {
  operational: '#00703c',
  maintenance: '#1d70b8',
  degraded: '#ffdd00',
  partial: '#f47738',
  major: '#d4351c',
};
export const statusTags: Record<ComponentStatus, string> = {
  operational: 'govuk-tag--green',
  maintenance: 'govuk-tag--blue',
  degraded: 'govuk-tag--yellow',
  partial: 'govuk-tag--orange',
  major: 'govuk-tag--red',
};

/**
 * The status page in one language, ready for a template: every text says which language it is in,
 * and a Welsh reader is told when a text is only in English.
 */
export function statusPage(s: StatusOf, lang: Lang, options: { internal: boolean }) {
  const t = translator(lang);
  const text = (en: string, cy: string) => inLanguage(lang, en, cy);
  const nameOf = new Map(s.components.map((c) => [c.id, text(c.name, c.name_cy)]));
  const groups: { name: ReturnType<typeof text> | null; components: unknown[] }[] = [];
  for (const c of s.components) {
    const key = c.group_name;
    let group = groups.find((g) => (g.name?.text ?? '') === (key ? text(c.group_name, c.group_name_cy).text : ''));
    if (!group) groups.push((group = { name: key ? text(c.group_name, c.group_name_cy) : null, components: [] }));
    const bad = c.history.filter((h) => h.status !== 'operational');
    group.components.push({
      id: c.id,
      name: nameOf.get(c.id),
      description: c.description ? text(c.description, c.description_cy) : null,
      status: c.status,
      statusText: t(`statuses.${c.status}`),
      tag: statusTags[c.status],
      public: c.public === 1,
      uptimeText: t('status.uptime', { uptime: c.uptime.toLocaleString(lang === 'cy' ? 'cy' : 'en-GB') }),
      // Good days are one green strip under the bars; only a day with a problem is drawn, with its words.
      bars: c.history.flatMap((h, i) =>
        h.status === 'operational' ? [] : [{ x: i * 6, colour: statusColours[h.status], title: `${day(h.day, lang)}: ${t(`statuses.${h.status}`)}` }],
      ),
      badDays: bad.map((h) => ({ day: day(h.day, lang), status: t(`statuses.${h.status}`) })),
    });
  }
  const updatesOf = (id: number) =>
    s.updates
      .filter((u) => Number(u.incident_id) === id)
      .map((u) => ({
        state: t(`states.${u.state}`),
        body: text(u.body, u.body_cy),
        at: when(u.at, lang),
        internalNote: options.internal ? u.internal_note : '',
      }));
  const incident = (i: StatusOf['incidents'][number]) => ({
    id: i.id,
    title: text(i.title, i.title_cy),
    state: t(`states.${i.state}`),
    impact: i.impact,
    impactText: t(`statuses.${i.impact}`),
    tag: statusTags[i.impact],
    started: when(i.started_at, lang),
    resolved: i.resolved_at ? when(i.resolved_at, lang) : null,
    affects: i.componentIds.map((c) => nameOf.get(c)?.text ?? '').join(', '),
    public: i.public === 1,
    fromDesk: i.major_incident_id !== null,
    updates: updatesOf(i.id),
  });
  const planned = (m: StatusOf['maintenance'][number]) => ({
    key: m.key,
    id: m.id,
    title: text(m.title, m.title_cy),
    body: m.body ? text(m.body, m.body_cy) : null,
    window: t('status.window', { from: when(m.starts_at, lang), to: when(m.ends_at, lang) }),
    underWay: m.starts_at <= s.now,
    affects: m.componentIds.map((c) => nameOf.get(c)?.text ?? '').join(', '),
    source: m.source,
  });
  const overallText = s.overall === 'operational' ? t('status.allGood') : s.overall === 'maintenance' ? t('status.maintenanceNow') : t('status.someIssues');
  return {
    lang,
    t,
    overall: s.overall,
    overallText,
    overallTag: statusTags[s.overall],
    groups,
    open: s.open.map(incident),
    recent: s.recent.map(incident),
    maintenance: s.maintenance.map(planned),
    pastMaintenance: s.pastMaintenance.map(planned),
    updatedAt: when(s.now, lang),
  };
}
