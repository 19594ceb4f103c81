// How councils usually write the estate's values, as starting meanings the person confirms.

/** The usual ways councils write hosting, as a starting mapping for the person to confirm. */
export const hostingSynonyms: Record<string, 'on-premises' | 'iaas' | 'paas' | 'saas'> = {
  'on-premises': 'on-premises',
  'on premises': 'on-premises',
  'on-prem': 'on-premises',
  'on prem': 'on-premises',
  onprem: 'on-premises',
  'in-house': 'on-premises',
  'data centre': 'on-premises',
  'council data centre': 'on-premises',
  'server room': 'on-premises',
  iaas: 'iaas',
  azure: 'iaas',
  'azure vm': 'iaas',
  aws: 'iaas',
  'aws ec2': 'iaas',
  paas: 'paas',
  saas: 'saas',
  // "Cloud" and "Hosted" alone could be the supplier's service or the council's own servers in Azure: asked, not guessed.
  'cloud (saas)': 'saas',
  'supplier hosted': 'saas',
  'vendor hosted': 'saas',
  'hosted by supplier': 'saas',
  'hosted by the supplier': 'saas',
};

export const criticalitySynonyms: Record<string, '1' | '2' | '3' | '4'> = {
  '1': '1',
  'tier 1': '1',
  critical: '1',
  'business critical': '1',
  high: '2',
  '2': '2',
  'tier 2': '2',
  important: '2',
  medium: '3',
  '3': '3',
  'tier 3': '3',
  low: '4',
  '4': '4',
  'tier 4': '4',
};
