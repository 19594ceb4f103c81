import { abilitiesOf, ability } from '../../platform/index.js';

/** Who may see the cyber and risk area. */
export const cyber = abilitiesOf('Cyber and risk', {
  read: ability('cyber.read', {
    description: 'Read the cyber page: CAF outcomes against the target profile, this year and last',
    roles: ['agent', 'manager', 'admin', 'viewer'],
  }),
  readRisks: ability('risks.read', {
    description: 'Read the risk register, its heat map and each risk’s history',
    roles: ['agent', 'manager', 'admin', 'viewer'],
  }),
  editRisks: ability('risks.edit', {
    description: 'Record and review risks, and set the risk appetite per category',
    roles: ['manager', 'admin'],
  }),
  readVulnerabilities: ability('vulnerabilities.read', {
    description: 'Read vulnerability findings, their deadlines and the scans they came from',
    roles: ['agent', 'manager', 'admin', 'viewer'],
  }),
  importVulnerabilities: ability('vulnerabilities.import', {
    description: 'Import scanner reports and set the remediation deadlines by severity',
    roles: ['manager', 'admin'],
  }),
  acceptVulnerabilities: ability('vulnerabilities.accept', {
    description: 'Accept the risk of a finding until a date, linked to the risk register',
    roles: ['manager', 'admin'],
  }),
});
