export { namesOf } from './queries.js';
