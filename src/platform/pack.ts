import type { Access } from './access/roles.js';
import type { Db } from './audit/audit.js';
import type { Identity } from './auth/identity.js';

/**
 * A part of a board pack a module writes from its own data (the KPIs, the roadmap's status, risks
 * outside appetite), in a neutral form both the print page and the PDF draw: the boards module
 * imports none of the modules that fill its pack.
 */
export interface PackContent {
  /** Sentences, each its own paragraph. */
  paragraphs: string[];
  tables: { caption: string; head: string[]; rows: string[][]; numeric?: number[] }[];
  /** Small bar charts, each with the figures also in words for anyone not seeing the picture; a period with no figure keeps its place, with no bar. */
  charts: { title: string; bars: { label: string; value: number | null }[]; unit: string }[];
}

export interface PackSection {
  key: string;
  title: string;
  /** Where it comes in the pack, after the agenda. */
  order: number;
  /** Who may see it: a section is left out of the pack of someone who may not. */
  access: Access;
  build: (db: Db, identity: Identity, on: string) => Promise<PackContent | null>;
}

let offered: PackSection[] = [];
export function offerPackSections(sections: PackSection[]) {
  offered = [...sections].sort((a, b) => a.order - b.order);
}
export const packSections = () => offered;
export const emptyPack = (): PackContent => ({ paragraphs: [], tables: [], charts: [] });
