export { addWatcherByEmail } from './service.js';
export { watchersOf } from './queries.js';
