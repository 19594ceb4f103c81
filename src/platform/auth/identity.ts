import type { Role } from '../access/roles.js';
import type { OrganisationType } from '../organisations/types.js';

/** Who is making a request, in which organisation, with which role there. */
export interface Identity {
  person: { id: number; email: string; displayName: string };
  organisation: { id: number; name: string; type: OrganisationType; isDemo: boolean };
  role: Role;
  /** How many organisations the person is active in; the switcher shows only when more than one. */
  organisationCount: number;
  /** `mail`: what a person does by emailing the service desk, with their role but no session. */
  via: 'session' | 'token' | 'mail';
  sessionId?: string;
  tokenId?: number;
}
