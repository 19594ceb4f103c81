// What modules may use of the platform. Modules import from here, never from platform internals.
export type { StewardModule, NavigationItem, DemoContext, ModuleJob, Panel, PanelSources, TicketSubject } from './module.js';
export { ticketPanels } from './panels.js';
export { roles, roleNames, allows, readers, admins, everyRole, isRole, type Role, type Access } from './access/roles.js';
export { auditedWrite, systemActor, type Actor, type Db, type Tx, type AuditRecorder } from './audit/audit.js';
export { UserError, NotFoundError, ForbiddenError, type FieldError } from './http/errors.js';
export { identityOf, actorFor, idParam } from './http/request.js';
export { submitForm, parseWith, formErrors, multipartFields, multipartFile, checkedIds, type FormErrors, type Upload } from './forms.js';
export type { Identity } from './auth/identity.js';
export { problemResponses, problemSchema, idParams } from './api/schemas.js';
export { renderMarkdown } from './markdown.js';
export { addPerson } from './people/service.js';
export { notify, notificationKinds, sendDue, smtpMailer, type NotificationKind } from './mail/outbox.js';
export { absoluteLink } from './links.js';
export { toCsv, neutralise } from './csv.js';
export { readSpreadsheet, writeSpreadsheet, sendSpreadsheet, formatOf, type SpreadsheetFormat } from './spreadsheet.js';
export { barChart } from './views/charts.js';
export { allowingStyleAttributes } from './http/security.js';
export { encodeCursor, decodeCursor } from './cursor.js';
