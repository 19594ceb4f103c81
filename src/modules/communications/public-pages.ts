import { auditedWrite, UserError, type Actor, type CheckedFile, type Db } from '../../platform/index.js';
import { forgetPublicPages } from './public-cache.js';
import * as q from './queries.js';
import { colourProblem, shortNameProblem } from './rules.js';

export interface PublicPageInput {
  shortName: string;
  name: string;
  nameCy: string;
  about: string;
  aboutCy: string;
  colour: string;
  welsh: boolean;
}

export const logoMaxBytes = 200 * 1024;

/** The council's public pages: the short name in their addresses, its name, colour and languages. */
export async function savePublicPage(db: Db, actor: Actor, organisationId: number, v: PublicPageInput) {
  const shortName = v.shortName.trim().toLowerCase();
  const problem = shortNameProblem(shortName);
  if (problem) throw new UserError(problem, { field: 'shortName' });
  const holder = await q.shortNameHolder(db, shortName);
  if (holder !== null && Number(holder) !== organisationId)
    throw new UserError('Another organisation has this short name: choose another', { field: 'shortName' });
  // #05c is #0055cc, as CSS reads it.
  const typed = v.colour.trim().toLowerCase();
  const colour = /^#[0-9a-f]{3}$/.test(typed) ? `#${[...typed.slice(1)].map((c) => c + c).join('')}` : typed;
  const badColour = colourProblem(colour);
  if (badColour) throw new UserError(badColour, { field: 'colour' });
  const before = await q.pageOf(db, organisationId);
  const row = { short_name: shortName, name: v.name, name_cy: v.nameCy, about: v.about, about_cy: v.aboutCy, colour, welsh: v.welsh ? 1 : 0 };
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.savePage(tx, { organisation_id: organisationId, ...row, updated_at: new Date().toISOString() });
    if (before)
      await audit.updated(
        'public_pages',
        organisationId,
        { short_name: before.short_name, name: before.name, welsh: before.welsh },
        { short_name: shortName, name: v.name, welsh: row.welsh },
        'Changed the public pages',
        organisationId,
      );
    else await audit.created('public_pages', organisationId, row, `Set up the public pages at /status/${shortName}`, organisationId);
  });
  forgetPublicPages(organisationId);
}

export async function saveLogo(db: Db, actor: Actor, organisationId: number, file: CheckedFile) {
  if (file.contentType !== 'image/png' && file.contentType !== 'image/jpeg') throw new UserError('The logo must be a PNG or JPEG picture', { field: 'logo' });
  if (file.size > logoMaxBytes) throw new UserError('The logo must be smaller than 200 KB', { field: 'logo', status: 413 });
  const page = await q.pageOf(db, organisationId);
  if (!page) throw new UserError('Set up the public pages before adding a logo', { field: 'logo' });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.saveLogo(tx, organisationId, file.data, file.contentType, new Date().toISOString());
    await audit.updated(
      'public_pages',
      organisationId,
      { logo: page.logo_type ? 'yes' : 'none' },
      { logo: file.sha256 },
      'Changed the logo of the public pages',
      organisationId,
    );
  });
  forgetPublicPages(organisationId);
}
