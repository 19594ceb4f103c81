import { slaClock, type Interval, type SlaClock } from '../sla/business-time.js';
import type { Policy } from '../sla/service.js';
import type { SlaStateColumn } from '../tables.js';

export interface TicketTiming {
  priority: number;
  created_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  status: string;
}

export interface TicketSla {
  response: SlaClock;
  resolution: SlaClock;
  /** The one state a queue shows: the resolution clock's, or the response clock's if that is worse. */
  state: SlaStateColumn;
}

const rank: Record<SlaStateColumn, number> = { breached: 4, warning: 3, 'on-track': 2, paused: 1, met: 0 };

/** Both SLA clocks of a ticket at `now`, from its policy and its pauses (awaiting requester, resolved then reopened). */
export function ticketSla(policy: Policy, ticket: TicketTiming, pauses: Interval[], now: Date): TicketSla {
  const target = policy.targets[String(ticket.priority) as '1'];
  const start = new Date(ticket.created_at);
  const finished = ticket.status === 'resolved' || ticket.status === 'closed' || ticket.status === 'cancelled';
  const response = slaClock(policy.calendar, {
    start,
    targetMinutes: target.response,
    pauses: [],
    stoppedAt: ticket.first_response_at ? new Date(ticket.first_response_at) : finished && ticket.resolved_at ? new Date(ticket.resolved_at) : null,
    now,
    warnShare: policy.warnShare,
  });
  const resolution = slaClock(policy.calendar, {
    start,
    targetMinutes: target.resolution,
    pauses,
    stoppedAt: finished ? new Date(ticket.resolved_at ?? now.toISOString()) : null,
    now,
    warnShare: policy.warnShare,
  });
  const state = rank[response.state] > rank[resolution.state] && response.state !== 'met' ? response.state : resolution.state;
  return { response, resolution, state };
}

export function toIntervals(rows: { started_at: string; ended_at: string | null }[]): Interval[] {
  return rows.map((r) => ({ start: new Date(r.started_at), end: r.ended_at ? new Date(r.ended_at) : null }));
}
