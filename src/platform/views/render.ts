import path from 'node:path';
import nunjucks from 'nunjucks';
import { projectRoot, sourceRoot } from '../paths.js';
import { date, dateTime, money, partialDate } from '../format.js';

/**
 * One Nunjucks environment for every page. Templates are named from `src/`, e.g.
 * `platform/views/layout.njk` or `modules/home/views/home.njk`; GOV.UK and MoJ components come from
 * their packages as `govuk/...` and `moj/...`. Autoescape is on: output is escaped unless marked safe.
 */
export function createViewEnvironment(): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(
    [sourceRoot, path.join(projectRoot, 'node_modules/govuk-frontend/dist'), path.join(projectRoot, 'node_modules/@ministryofjustice/frontend')],
    { noCache: process.env.NODE_ENV === 'development' },
  );
  // GOV.UK's components import each other by relative path on every render; the answer never changes.
  const resolved = new Map<string, string>();
  const resolve = loader.resolve.bind(loader);
  loader.resolve = (from: string, to: string) => {
    const key = `${from}\n${to}`;
    let found = resolved.get(key);
    if (found === undefined) resolved.set(key, (found = resolve(from, to)));
    return found;
  };
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  env.addFilter('date', date);
  env.addFilter('dateTime', dateTime);
  env.addFilter('partialDate', partialDate);
  env.addFilter('thousands', (value: number | null | undefined) => (typeof value === 'number' ? value.toLocaleString('en-GB') : value));
  env.addFilter('money', (value: number | null | undefined, unknown?: string) => money(value, unknown === undefined ? {} : { unknown }));
  env.addFilter('json', (value: unknown) => JSON.stringify(value, null, 2));
  // A form value that may be missing, one string or several, as a list (checkboxes post any of the three).
  env.addFilter('list', (value: unknown) => (value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : [value]));
  return env;
}
