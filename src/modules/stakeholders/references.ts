import { z } from 'zod';
import { organisationRows, ref } from '../../platform/index.js';

export const stakeholderRecords = {
  stakeholder: organisationRows('stakeholders', { noun: 'stakeholder', message: 'Choose one of the stakeholders' }),
  engagement: organisationRows('engagements', { noun: 'engagement', message: 'Choose one of the engagements' }),
  followUp: organisationRows('engagement_follow_ups', { noun: 'follow-up', message: 'There is no such follow-up' }),
  communication: organisationRows('comms_plan_messages', { noun: 'message', message: 'Choose one of the plan’s messages' }),
  send: organisationRows('comms_plan_sends', { noun: 'send', message: 'Choose one of the times it was sent' }),
};
export const stakeholderParams = z.object({ id: ref(stakeholderRecords.stakeholder, 'There is no such stakeholder') });
export const engagementParams = z.object({ id: ref(stakeholderRecords.engagement, 'There is no such engagement') });
export const followUpParams = z.object({
  id: ref(stakeholderRecords.engagement, 'There is no such engagement'),
  followUp: ref(stakeholderRecords.followUp),
});
export const communicationParams = z.object({ id: ref(stakeholderRecords.communication, 'There is no such message in the plan') });
