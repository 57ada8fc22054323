// Replies to citizens: answer templates and the letter head/signature per agency (with {{variables}}), the
// letter as sent, and the files a reply may carry.
export { TEMPLATE_VARIABLES } from './template-vars.js';
export { canManageTemplates, listTemplatesAs, saveTemplate, deleteTemplate, letterPartsAs, saveLetterParts } from './templates.js';
export { templatesForTicket } from './for-ticket.js';
export { replyLetter } from './letter.js';
export { checkAttachments, REPLY_ATTACHMENTS_MAX, DEFAULT_REPLY_ATTACHMENT_MAX_BYTES } from './attachments.js';
export type { UploadedFile } from './attachments.js';
export { ReplyInputError, ReplyForbiddenError, ReplyTemplateNotFoundError, ReplyAgencyNotFoundError } from './errors.js';
export { managedAgencyByCode } from './managed-agency.js';

