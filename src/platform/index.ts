// What modules may use of the platform. Modules import from here, never from platform internals.
export type {
  StewardModule,
  NavigationItem,
  DemoContext,
  ModuleJob,
  Panel,
  PanelSources,
  PortalSubject,
  TicketSubject,
  SystemSubject,
  AreaCard,
  HomeCard,
  MailInHandler,
  ReceivedMail,
} from './module.js';
export { identityByMail } from './auth/service.js';
export { threadsIn, threadHeaders, domainOf } from './mail/threads.js';
export { startMailReceiver } from './mail/receiver.js';
export { areasFor, homeCardsFor } from './areas.js';
export { ticketPanels, systemPanels, portalPanels } from './panels.js';
export { measures, measureNamed, offerMeasures, measureUnits, monthsTo, monthSpan, SharedWork, type Measure, type MeasureUnit } from './measures.js';
export { offerProgressSources, progressSources, type ProgressSource, type ProgressItem, type ProgressState } from './progress.js';
export { offerPlannedWork, plannedWorkSources, type PlannedWorkSource, type PlannedWindow } from './planned-work.js';
export { offerPackSections, packSections, emptyPack, type PackSection, type PackContent } from './pack.js';
export { linkableRecords, linkableKind, describeLinks, type LinkableRecord, type NamedRecord } from './records.js';
export { roles, roleNames, allows, isRole, type Role, type Access } from './access/roles.js';
export { abilitiesOf, ability, can, platformAbilities, type Ability } from './access/abilities.js';
export { ref, refs, refText, optionalRef, referenceKind, organisationRows, type ReferenceKind, type Scope } from './inputs/references.js';
export { blankToNull, isoDate, isRealDay, keyFromName, line, money as moneyInput, optionalDate, optionalLine, paragraphs, plainAmount } from './inputs/text.js';
export { activeMember, activeMemberEmail, member } from './people/references.js';
export { cursor, encodeCursor, pageOf, pageSize, anyOf, dateFilter, nextPageHref, filtersOf, exportLimit, type Page } from './lists.js';
export { auditedWrite, systemActor, type Actor, type Db, type Tx, type AuditRecorder, type AuditEntry } from './audit/audit.js';
export { UserError, NotFoundError, ForbiddenError, type FieldError } from './http/errors.js';
export { identityOf, actorFor } from './http/request.js';
export { submitForm, pageQuery, parseInput, parseWith, formErrors, upload, multipartFields, multipartFile, type FormErrors, type Upload } from './forms.js';
export type { Identity } from './auth/identity.js';
export { problemResponses, problemSchema, multipartText, multipartFilePart, noBody, largeResponse } from './api/schemas.js';
export { checkFile, sendKeptFile, allowedFileTypes, type CheckedFile } from './files/files.js';
export { keptUntilChanged } from './kept.js';
export { renderMarkdown } from './markdown.js';
export { dict, own, type Dict } from './dict.js';
export { addPerson } from './people/service.js';
export { activeMemberByEmail, addRequesterFromMail, isActiveMember } from './people/service.js';
export { activeMemberLookup } from './people/queries.js';
export { notify, notificationKinds, queueMails, sendDue, drainOutbox, smtpMailer, type NotificationKind } from './mail/outbox.js';
export { renderHtml } from './views/reply.js';
export { absoluteLink } from './links.js';
export { toCsv } from './csv.js';
export { readSpreadsheet, writeSpreadsheet, sendSpreadsheet, formatOf, type SpreadsheetFormat } from './spreadsheet.js';
export { barChart } from './views/charts.js';
export { escapeHtml } from './views/html.js';
export { allowingStyleAttributes, keptPageSecurity } from './http/security.js';
export { fullTextIndex, searchWords, type FullTextIndex, type FullTextIndexConfig, type SearchOptions } from './search.js';
export { refreshPlannerStatistics, plannerStatisticsEveryMs } from './maintenance.js';
export { dialectOf, readOffLoop, type DialectName } from '../db/database.js';
export { insertMany, prepared, slotsFor, type Slots } from '../db/prepared.js';
export {
  fail,
  keepAsNotKnown,
  counted,
  type ImportKind,
  type ImportField,
  type ImportCounts,
  type ImportResult,
  type ApplyContext,
  type ReadRow,
  type GoodRow,
  type Mapping,
  type ValueMaps,
} from './imports/contract.js';
export { isUnknown, readChoice, readList, readMonths, splitOnAnd, stripBom, type Read, type DatePrecision } from './imports/values.js';
export { readCount, readMoney } from './imports/amounts.js';
export { shownAs } from './imports/fields.js';
export { importSpreadsheet } from './imports/service.js';
export { qualityNotesOf as dataQualityNotesOf, resolveNotesOfFields as resolveDataQualityNotes } from './imports/queries.js';
export { readDate, readDateAs, type DateRole } from './imports/dates.js';
export { guessMapping, rememberable, readRow, readRows, choiceColumns, choiceWord } from './imports/rows.js';
export { money, date, dateTime, partialDate } from './format.js';
export { serviceAreasOf, findServiceArea, serviceAreasNamed, createServiceArea, serviceAreaItems } from './service-areas/service.js';
export { serviceAreaRecord } from './service-areas/references.js';
