import { dict, isUnknown, readList, type Read } from '../../../platform/index.js';

/** Cell readers the estate's kinds of import share. */
export const text =
  (max: number) =>
  (cell: string): Read<string> =>
    isUnknown(cell)
      ? { ok: true, value: null }
      : cell.trim().length > max
        ? { ok: false, reason: `longer than ${max} characters` }
        : { ok: true, value: cell.trim() };

export const list = (cell: string): Read<string[]> => ({ ok: true, value: readList(cell) });

/** Each Steward value is also known by its own name and key, so a register exported from Steward reads back in. */
export function withOwnNames(names: Record<string, string>, synonyms: Record<string, string>) {
  const out = dict<string>(synonyms);
  for (const [value, name] of Object.entries(names)) {
    out[value.toLowerCase()] = value;
    out[name.toLowerCase()] = value;
  }
  return out;
}

export const lower = (v: unknown) => String(v).toLowerCase();

/**
 * A product and its version written in one cell, as registers often do: "Windows Server 2016",
 * "SQL Server 2019", "Civica Revenues 5.2", "Oracle Database 19c", "Exchange 2016 CU23". Null when
 * the cell has no version at its end. A year-like number is a version only after a product name.
 */
export function productAndVersion(cell: string): { product: string; version: string } | null {
  const m = /^(.*?[A-Za-z].*?)([\s,-]+(?:version|ver\.?|release)?\s*(v)?)((?:\d+(?:\.\d+)*[a-z]?)(?:\s?(?:R2|SP\d+|CU\d+|LTS|LTSC|U\d+))?)$/i.exec(cell.trim());
  if (!m) return null;
  const marked = !!m[3] || /version|ver|release/i.test(m[2]!);
  const version = m[4]!.trim();
  // "Microsoft 365" and "Sage 200" are names: a bare number is a version only when it is a year,
  // has a point or a letter, or the cell says "version".
  const looksLikeVersion = marked || /\./.test(version) || /^(19|20)\d\d\b/.test(version) || /[a-z]/i.test(version);
  const product = m[1]!.trim();
  return product && looksLikeVersion ? { product, version } : null;
}
