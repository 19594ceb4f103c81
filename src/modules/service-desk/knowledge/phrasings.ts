/**
 * Twenty things a council worker types when looking for help, each with the title of the demo
 * council's article that answers it: the measure of the knowledge suggestions (the ranking test and
 * `bench/knowledge.ts`), the right article among the first three.
 */
export const knowledgePhrasings: { question: string; article: string }[] = [
  { question: 'vpn not connecting', article: 'Connecting to the VPN from home' },
  { question: 'remote access not working from home', article: 'Connecting to the VPN from home' },
  { question: 'always on vpn keeps dropping', article: 'Connecting to the VPN from home' },
  { question: 'connect to vpn from home wifi', article: 'Connecting to the VPN from home' },
  { question: 'forgot my password', article: 'How do I reset my password?' },
  { question: 'how do i reset my password', article: 'How do I reset my password?' },
  { question: 'locked out of my account password', article: 'How do I reset my password?' },
  { question: 'password reset', article: 'How do I reset my password?' },
  { question: 'mfa code not arriving', article: 'My MFA code is not arriving' },
  { question: 'authenticator app code', article: 'My MFA code is not arriving' },
  { question: 'outlook keeps asking for password', article: 'Outlook keeps asking for my password' },
  { question: 'email keeps asking me to sign in', article: 'Outlook keeps asking for my password' },
  { question: 'printer jammed on floor 2', article: 'Printing with print release' },
  { question: 'cant print my document', article: 'Printing with print release' },
  { question: 'print release badge not recognised', article: 'Printing with print release' },
  { question: 'second monitor not working on dock', article: 'Docking station not showing my monitors' },
  { question: 'screens not showing on docking station', article: 'Docking station not showing my monitors' },
  { question: 'revenues overnight batch failed', article: 'Revenues batch failure: first checks' },
  { question: 'website down', article: 'Council website is down: what to check' },
  { question: 'council site not loading', article: 'Council website is down: what to check' },
];
