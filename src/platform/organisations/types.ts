export const organisationTypes = [
  'district',
  'county',
  'unitary',
  'metropolitan-borough',
  'london-borough',
  'fire',
  'police',
  'combined-authority',
  'other',
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export const organisationTypeNames: Record<OrganisationType, string> = {
  district: 'District council',
  county: 'County council',
  unitary: 'Unitary authority',
  'metropolitan-borough': 'Metropolitan borough council',
  'london-borough': 'London borough council',
  fire: 'Fire and rescue authority',
  police: 'Police force or police and crime commissioner',
  'combined-authority': 'Combined authority',
  other: 'Other public service organisation',
};
