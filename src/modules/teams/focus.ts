/**
 * What a team of the IT department is organised around: most departments are organised around the
 * architecture layers and the functions the guidance names. The keys are Steward's; the names are
 * what the department calls them.
 */
export const teamFocuses = {
  infrastructure: { name: 'Infrastructure', kind: 'layer' },
  applications: { name: 'Line-of-business applications', kind: 'layer' },
  'information-and-data': { name: 'Information and data', kind: 'layer' },
  'master-data': { name: 'Master data management', kind: 'layer' },
  'business-intelligence': { name: 'Business intelligence', kind: 'layer' },
  'business-relationships': { name: 'Business relationship management', kind: 'function' },
  contracts: { name: 'Contract management', kind: 'function' },
  'service-desk': { name: 'Service desk', kind: 'function' },
  training: { name: 'Training', kind: 'function' },
  'programmes-and-projects': { name: 'Programme and project management', kind: 'function' },
  'development-and-integration': { name: 'Application development and integration', kind: 'function' },
  leadership: { name: 'Leadership and strategy', kind: 'function' },
  security: { name: 'Cyber security', kind: 'function' },
} as const satisfies Record<string, { name: string; kind: 'layer' | 'function' }>;

export type TeamFocus = keyof typeof teamFocuses;
export const isTeamFocus = (v: string): v is TeamFocus => Object.hasOwn(teamFocuses, v);
export const focusName = (v: string) => (isTeamFocus(v) ? teamFocuses[v].name : '');
export const focusKind = (v: string) => (isTeamFocus(v) ? teamFocuses[v].kind : null);
