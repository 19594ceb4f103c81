import { z } from 'zod';
import { organisationRows, ref } from '../../platform/index.js';

export const boardRecords = {
  board: organisationRows('boards', { noun: 'board', message: 'Choose one of the boards' }),
  member: organisationRows('board_members', { noun: 'board member', message: 'Choose one of the board’s members' }),
  meeting: organisationRows('board_meetings', { noun: 'meeting', message: 'Choose one of the board’s meetings' }),
  paper: organisationRows('board_papers', { noun: 'paper', message: 'There is no such paper' }),
  decision: organisationRows('board_decisions', { noun: 'decision', message: 'Choose one of the decisions in the log' }),
  action: organisationRows('board_actions', { noun: 'action', message: 'There is no such action' }),
};
export const boardParams = z.object({ id: ref(boardRecords.board, 'There is no such board') });
export const memberParams = z.object({ id: ref(boardRecords.board, 'There is no such board'), member: ref(boardRecords.member) });
export const meetingParams = z.object({ id: ref(boardRecords.meeting, 'There is no such meeting') });
export const paperParams = z.object({ id: ref(boardRecords.meeting, 'There is no such meeting'), paper: ref(boardRecords.paper) });
export const decisionParams = z.object({ id: ref(boardRecords.decision, 'There is no such decision') });
export const actionParams = z.object({ id: ref(boardRecords.action, 'There is no such action') });
