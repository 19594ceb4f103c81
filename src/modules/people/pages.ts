/** What every page of people and skills shares: its templates' place and the way back. */
export const view = (name: string) => `modules/people/views/${name}.njk`;
export const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'People and skills', href: '/people' },
];
export const levelItems = [
  { value: '', text: 'Not assessed' },
  { value: 'awareness', text: 'Awareness' },
  { value: 'working', text: 'Working' },
  { value: 'practitioner', text: 'Practitioner' },
  { value: 'expert', text: 'Expert' },
];
