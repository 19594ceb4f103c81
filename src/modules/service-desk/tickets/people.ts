export { findPersonInOrganisation, namesOf } from './queries.js';
