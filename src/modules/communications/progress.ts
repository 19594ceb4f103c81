import { auditedWrite, escapeHtml, NotFoundError, progressSources, renderMarkdown, type Actor, type Db, type ProgressItem } from '../../platform/index.js';
import { forgetPublicPages } from './public-cache.js';
import { day, translator, type Lang } from './i18n.js';
import * as q from './queries.js';
import { inLanguage } from './rules.js';

/** A figure in the reader’s language, its digits written as both English and Welsh write them: "4.8 out of 5", "4.8 allan o 5". */
export const figureText = (lang: Lang, f: { value: number; unit: string }) =>
  translator(lang)(`units.${f.unit}`, { n: f.value.toLocaleString('en-GB', { maximumFractionDigits: 1 }) });

/** What each kind of record offers for the public page, with what the council has published of it. */
export async function progressChoices(db: Db, organisationId: number) {
  const published = await q.progressItemsOf(db, organisationId);
  const key = (kind: string, id: number) => `${kind}:${id}`;
  const chosen = new Map(published.map((p) => [key(p.kind, Number(p.record_id)), p]));
  const sections = [];
  for (const source of progressSources()) {
    const candidates = await source.candidates(db, organisationId);
    sections.push({
      kind: source.kind,
      title: source.title,
      items: candidates.map((c) => ({ ...c, published: chosen.get(key(source.kind, c.id)) ?? null })),
    });
  }
  return sections;
}

/** The public progress page in one language: only what was published, and only while it may be. */
export async function progressPage(db: Db, organisationId: number, lang: Lang) {
  const t = translator(lang);
  const sections = (await progressChoices(db, organisationId))
    .map((s) => ({
      title: s.title[lang],
      items: s.items
        .filter((i) => i.published)
        .map((i) => ({
          title: inLanguage(lang, i.title, i.published!.title_cy),
          summary: i.summary ? inLanguage(lang, i.summary, i.published!.summary_cy) : null,
          state: t(`progress.states.${i.state}`),
          stateKey: i.state,
          figure: i.figure ? figureText(lang, i.figure) : null,
          target: i.target ? t(`progress.targets.${i.target.direction}`, { figure: figureText(lang, i.target) }) : null,
          on: i.on ? day(i.on, lang) : null,
        })),
    }))
    .filter((s) => s.items.length);
  const posts = (await q.publishedPosts(db, organisationId, new Date().toISOString(), { publicOnly: true, limit: 20 })).map((p) => {
    const title = inLanguage(lang, p.title, p.title_cy);
    const body = inLanguage(lang, p.body, p.body_cy);
    return { id: Number(p.id), title, bodyHtml: renderMarkdown(body.text), bodyLang: body.lang, bodyFallback: body.fallback, on: day(p.publish_at!, lang) };
  });
  return { sections, posts, none: !sections.length && !posts.length };
}

/** The page's feed: public posts, then each published item as it now stands, as HTML with what was typed escaped. */
export async function progressFeedItems(db: Db, organisationId: number, lang: Lang) {
  const page = await q.pageOf(db, organisationId);
  const base = `/progress/${page?.short_name ?? ''}`;
  const now = new Date().toISOString();
  const posts = await q.publishedPosts(db, organisationId, now, { publicOnly: true, limit: 20 });
  const items: { id: string; title: string; link: string; date: string; html: string }[] = posts.map((p) => ({
    id: `${base}#post-${p.id}`,
    title: inLanguage(lang, p.title, p.title_cy).text,
    link: base,
    date: p.publish_at!,
    html: renderMarkdown(inLanguage(lang, p.body, p.body_cy).text),
  }));
  const t = translator(lang);
  const published = await q.progressItemsOf(db, organisationId);
  for (const s of await progressChoices(db, organisationId))
    for (const i of s.items.filter((x) => x.published)) {
      const added = published.find((p) => p.kind === s.kind && Number(p.record_id) === i.id)?.added_at ?? now;
      const figure = i.figure ? `: ${figureText(lang, i.figure)}` : '';
      items.push({
        id: `${base}#${s.kind}-${i.id}`,
        title: `${s.title[lang]}: ${inLanguage(lang, i.title, i.published!.title_cy).text}`,
        link: base,
        // An entry is dated when it happened (a decision's day), or when it was published; never a day still to come.
        date: i.on && i.on <= now.slice(0, 10) ? `${i.on}T12:00:00.000Z` : added,
        html: escapeHtml(`${t(`progress.states.${i.state}`)}${figure}. ${inLanguage(lang, i.summary, i.published!.summary_cy).text}`),
      });
    }
  return items.sort((a, b) => b.date.localeCompare(a.date)).slice(0, 100);
}

export async function publishProgressItem(
  db: Db,
  actor: Actor,
  organisationId: number,
  v: { kind: string; recordId: number; titleCy: string; summaryCy: string },
) {
  const source = progressSources().find((s) => s.kind === v.kind);
  const candidate: ProgressItem | undefined = source ? (await source.candidates(db, organisationId)).find((c) => c.id === v.recordId) : undefined;
  if (!source || !candidate) throw new NotFoundError('There is no such record to publish');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.publishItem(tx, {
      organisation_id: organisationId,
      kind: v.kind,
      record_id: v.recordId,
      title_cy: v.titleCy,
      summary_cy: v.summaryCy,
      added_at: new Date().toISOString(),
    });
    await audit.created(
      'progress_item',
      `${v.kind}:${v.recordId}`,
      { title_cy: v.titleCy },
      `Published on the progress page: ${candidate.title}`,
      organisationId,
    );
  });
  forgetPublicPages(organisationId);
}

export async function withdrawProgressItem(db: Db, actor: Actor, organisationId: number, kind: string, recordId: number) {
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.withdrawItem(tx, organisationId, kind, recordId);
    await audit.deleted('progress_item', `${kind}:${recordId}`, {}, 'Took an item off the progress page', organisationId);
  });
  forgetPublicPages(organisationId);
}
