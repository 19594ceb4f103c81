import type { Generated } from 'kysely';
import type { Channel, EngagementKind, Frequency, Sentiment, StakeholderKind } from './rules.js';

/** A person or group whose view of the IT service matters: a director, a councillor, a union, a supplier. */
export interface StakeholdersTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  kind: StakeholderKind;
  /** Their role, as people say it: "Corporate Director of Resources", "Portfolio holder for resources". */
  role: string;
  /** 1 low, 2 medium, 3 high. */
  influence: number;
  interest: number;
  /** Who in IT keeps the relationship: a person of the organisation. */
  owner_person_id: number | null;
  /** Their own Steward account, when they have one (feedback they send lands against them). */
  person_id: number | null;
  /** Their view of the IT service, in their words as heard. */
  view: string;
  sentiment: Sentiment;
  email: string;
  phone: string;
  created_at: string;
  updated_at: string;
}

/** Something IT attended or heard: a one-to-one, their team meeting, CMT, a committee, a survey, feedback on a post. */
export interface EngagementsTable {
  id: Generated<number>;
  organisation_id: number;
  kind: EngagementKind;
  held_on: string;
  /** What it was: "Revenues and benefits team meeting". */
  title: string;
  heard: string;
  /** 1 when it carries feedback to reply to (always for kind `feedback`). */
  feedback: number;
  /** Who it came from, when not (only) the stakeholders met: a reader of a post. */
  from_name: string;
  from_person_id: number | null;
  /** Where it came from: the post a reader commented on. */
  source_href: string;
  reply: string;
  replied_on: string | null;
  replied_by: number | null;
  recorded_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface EngagementStakeholdersTable {
  organisation_id: number;
  engagement_id: number;
  stakeholder_id: number;
}

export interface EngagementFollowUpsTable {
  id: Generated<number>;
  organisation_id: number;
  engagement_id: number;
  title: string;
  owner_person_id: number | null;
  due_on: string | null;
  done_on: string | null;
  created_at: string;
}

/** A message of the communications plan: what people need to know, to whom, how and how often. */
export interface CommunicationsTable {
  id: Generated<number>;
  organisation_id: number;
  message: string;
  detail: string;
  audience: string;
  channel: Channel;
  owner_person_id: number | null;
  frequency: Frequency;
  starts_on: string;
  ends_on: string | null;
  created_at: string;
  updated_at: string;
}

/** What was sent: a message going out on a day, by a channel, to so many people. */
export interface CommunicationSendsTable {
  id: Generated<number>;
  organisation_id: number;
  communication_id: number;
  sent_on: string;
  channel: Channel;
  note: string;
  /** How many it reached (readers, attendees), when known. */
  reach: number | null;
  recorded_by: number | null;
  created_at: string;
}

/** What people said about a message. */
export interface CommunicationFeedbackTable {
  id: Generated<number>;
  organisation_id: number;
  communication_id: number;
  send_id: number | null;
  received_on: string;
  from_name: string;
  text: string;
  recorded_by: number | null;
  created_at: string;
}

export interface StakeholderTables {
  stakeholders: StakeholdersTable;
  engagements: EngagementsTable;
  engagement_stakeholders: EngagementStakeholdersTable;
  engagement_follow_ups: EngagementFollowUpsTable;
  comms_plan_messages: CommunicationsTable;
  comms_plan_sends: CommunicationSendsTable;
  comms_plan_feedback: CommunicationFeedbackTable;
}

declare module '../../db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's tables join Steward's schema
  interface Schema extends StakeholderTables {}
}
