import { dict, own, type Dict } from '../dict.js';
import type { ImportKind, Mapping } from './contract.js';
import { isUnknown } from './values.js';

/**
 * Names in a file that should be records Steward already holds (a system's supplier): matched
 * exactly when the name is the same, offered for confirmation when it is nearly the same
 * ("Civica" and "Civica UK Ltd"), and never applied without the person saying so.
 */

const suffixes = new Set(['ltd', 'limited', 'plc', 'llp', 'llc', 'inc', 'uk', 'group', 'holdings', 'the', 'co', 'company', 'corporation', 'corp', 'gb']);

/** A name reduced to what tells suppliers apart: lower case, no punctuation, no "Ltd", "UK" or "Group". */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !suffixes.has(w))
    .join(' ');
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}

/** Are two names nearly the same supplier? The same once "Ltd" and the like are gone, one the start of the other, or a slip of a letter or two. */
export function nearlySame(a: string, b: string): boolean {
  const x = nameKey(a);
  const y = nameKey(b);
  if (!x || !y) return false;
  if (x === y) return true;
  if (`${y} `.startsWith(`${x} `) || `${x} `.startsWith(`${y} `)) return true;
  return x.length >= 6 && y.length >= 6 && distance(x, y) <= 2;
}

export interface MatchWord {
  word: string;
  shown: string;
  rows: number;
  /** The record of exactly this name, used without asking. */
  exact: { id: number; name: string } | null;
  /** Records nearly of this name, for the person to choose from. */
  near: { id: number; name: string }[];
  /** What the person chose: a record's id, or 'new' to add it; undefined while not chosen. */
  chosen: string | undefined;
}

export interface MatchColumn {
  field: string;
  label: string;
  noun: string;
  words: MatchWord[];
}

/** Each field a kind matches to existing records: the names in its column, each with its exact or near matches and the person's choice. */
export async function matchColumns(
  kind: ImportKind,
  existingOf: (field: string) => Promise<{ id: number; name: string }[]>,
  rows: string[][],
  mapping: Mapping,
  chosen: Dict<Dict<string>>,
  limit = 500,
): Promise<MatchColumn[]> {
  const out: MatchColumn[] = [];
  for (const m of kind.matches ?? []) {
    const column = own(mapping, m.field) ?? -1;
    if (column < 0) continue;
    const existing = await existingOf(m.field);
    const byName = new Map(existing.map((e) => [e.name.trim().toLowerCase(), e]));
    const words = new Map<string, MatchWord>();
    for (const cells of rows) {
      const cell = (cells[column] ?? '').trim();
      if (isUnknown(cell)) continue;
      const word = cell.toLowerCase().replace(/\s+/g, ' ');
      const entry = words.get(word);
      if (entry) {
        entry.rows++;
        continue;
      }
      if (words.size >= limit) continue;
      const exact = byName.get(word) ?? null;
      const near = exact ? [] : existing.filter((e) => nearlySame(cell, e.name)).slice(0, 5);
      words.set(word, { word, shown: cell, rows: 1, exact, near, chosen: own(own(chosen, m.field) ?? dict(), word) });
    }
    const label = kind.fields.find((f) => f.key === m.field)?.label ?? m.field;
    out.push({ field: m.field, label, noun: m.noun, words: [...words.values()].sort((a, b) => b.rows - a.rows || a.word.localeCompare(b.word)) });
  }
  return out;
}

/** Near matches the person has not yet confirmed or refused: the import waits for them. */
export function unconfirmed(columns: MatchColumn[]) {
  return columns.flatMap((c) =>
    c.words.filter((w) => !w.exact && w.near.length && w.chosen === undefined).map((w) => ({ ...w, label: c.label, noun: c.noun })),
  );
}

/**
 * For `apply`: each name in a matched column, lower case, to the record it is (its id) or 'new'.
 * A near match counts only once confirmed.
 */
export function resolvedMatches(columns: MatchColumn[]): Dict<Dict<number | 'new'>> {
  const out = dict<Dict<number | 'new'>>();
  for (const c of columns) {
    const words = dict<number | 'new'>();
    for (const w of c.words) {
      if (w.exact) words[w.word] = w.exact.id;
      else if (w.chosen && w.chosen !== 'new' && w.near.some((n) => String(n.id) === w.chosen)) words[w.word] = Number(w.chosen);
      else words[w.word] = 'new';
    }
    out[c.field] = words;
  }
  return out;
}
