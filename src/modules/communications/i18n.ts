import fs from 'node:fs';
import i18next, { type TFunction } from 'i18next';
import { DateTime } from 'luxon';

export type Lang = 'en' | 'cy';
export const languages: Lang[] = ['en', 'cy'];
export const langCookie = 'steward_lang';

// The catalogues are plain JSON a translator can edit (src/modules/communications/locales/*.json).
const catalogue = (lang: Lang) => JSON.parse(fs.readFileSync(new URL(`./locales/${lang}.json`, import.meta.url), 'utf8')) as object;
const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  showSupportNotice: false,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: languages,
  interpolation: { escapeValue: false },
  resources: { en: { translation: catalogue('en') }, cy: { translation: catalogue('cy') } },
});

/** The interface strings of the public pages in one language. Templates escape what it returns. */
export const translator = (lang: Lang): TFunction => i18n.getFixedT(lang);

export const langOf = (value: unknown): Lang | null => (value === 'cy' || value === 'en' ? value : null);

/** A time as the reader's language writes it, in UK time: "3 December 2026, 2:05pm" / "3 Rhagfyr 2026, 14:05". */
export function when(iso: string, lang: Lang) {
  const d = DateTime.fromISO(iso, { zone: 'Europe/London' }).setLocale(lang === 'cy' ? 'cy' : 'en-GB');
  return lang === 'cy' ? d.toFormat('d MMMM yyyy, HH:mm') : d.toFormat('d MMMM yyyy, h:mma').replace(/AM|PM/, (m) => m.toLowerCase());
}
export const day = (iso: string, lang: Lang) =>
  DateTime.fromISO(iso, { zone: 'Europe/London' })
    .setLocale(lang === 'cy' ? 'cy' : 'en-GB')
    .toFormat('d MMMM yyyy');
