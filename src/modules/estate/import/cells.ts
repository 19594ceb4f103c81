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
