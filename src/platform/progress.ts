import type { Db } from './audit/audit.js';
import type { MeasureUnit } from './measures.js';

/** Where an item on the public progress page stands, in words every language of the page has. */
export type ProgressState = 'planned' | 'in-progress' | 'at-risk' | 'done' | 'met' | 'near' | 'missed' | 'no-figure' | 'decided';

/** A record a module offers for the council's public page of digital progress, in English as kept. */
export interface ProgressItem {
  id: number;
  title: string;
  summary: string;
  state: ProgressState;
  /** The day it is about: a decision's meeting, a roadmap item's end. */
  on: string | null;
  /** A figure shown beside it (a KPI's latest value), written out in the reader's language. */
  figure?: { value: number; unit: MeasureUnit };
  target?: { value: number; unit: MeasureUnit; direction: 'up' | 'down' };
  /** Where staff look at it inside Steward. */
  href: string;
}

/**
 * A kind of record the council may publish (roadmap items, KPIs, decisions). The module that keeps
 * them offers what may be published; the telling-people module keeps which are, and their Welsh.
 */
export interface ProgressSource {
  kind: string;
  /** Shown as the section's heading, in English and in Welsh. */
  title: { en: string; cy: string };
  order: number;
  /** What may be published now (a decision only once the board said it may be), newest first. */
  candidates: (db: Db, organisationId: number) => Promise<ProgressItem[]>;
}

let offered: ProgressSource[] = [];
export function offerProgressSources(sources: ProgressSource[]) {
  offered = [...sources].sort((a, b) => a.order - b.order);
}
export const progressSources = () => offered;
