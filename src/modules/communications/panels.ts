import type { HomeCard, PanelSources } from '../../platform/index.js';
import { postsForReader } from './posts.js';
import { statusOf } from './status.js';
import { when } from './i18n.js';
import { statusTags } from './status-view.js';
import { translator } from './i18n.js';

const t = translator('en');

async function whatStaffSee(db: Parameters<typeof statusOf>[0], identity: Parameters<typeof postsForReader>[1]) {
  const [posts, s] = await Promise.all([postsForReader(db, identity, 3), statusOf(db, identity.organisation.id, { publicOnly: false, current: true })]);
  const troubled = s.components.filter((c) => c.status !== 'operational');
  if (!posts.length && !s.components.length) return null;
  return {
    posts: posts.map((p) => ({ id: Number(p.id), title: p.title, when: when(p.publish_at!, 'en') })),
    troubled: troubled.map((c) => ({ name: c.name, statusText: t(`statuses.${c.status}`), tag: statusTags[c.status] })),
    hasStatus: s.components.length > 0,
  };
}

/** The portal's box: services with problems now, and the latest news from IT. */
export const communicationPanels: PanelSources = {
  portal: async (db, _dialect, { identity }) => {
    const context = await whatStaffSee(db, identity);
    return context ? { title: 'News and service status', template: 'modules/communications/views/panel-news.njk', context } : null;
  },
};

export const communicationHomeCards: HomeCard[] = [
  { name: 'News and service status', template: 'modules/communications/views/panel-news.njk', load: whatStaffSee },
];
