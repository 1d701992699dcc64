export { type ChannelNameOptions, channelName } from './channel-name.js';
export { initialNotification } from './initial-notification.js';
export {
  type InitialNotificationMessage,
  MESSAGE_KINDS,
  type Message,
  type MessageField,
  MessageFieldSchema,
  type MessageKind,
  type MessageOf,
  MessageSchema,
  type PostmortemPublishedMessage,
  type ResolutionNoticeMessage,
  type StatusPageStatus,
  StatusPageStatusSchema,
  type StatusPageUpdateMessage,
  type StatusUpdateMessage,
} from './message.js';
export type { CommsOptions } from './options.js';
export { postmortemPublished } from './postmortem-published.js';
export { type MessageFormat, renderMessage } from './render-message.js';
export type { SlackBlock, SlackMessage, SlackTextObject } from './render-slack.js';
export { type ResolutionNoticeInput, resolutionNotice } from './resolution-notice.js';
export { type StatusPageUpdateInput, statusPageStatus, statusPageUpdate } from './status-page-update.js';
export { type StatusUpdateInput, statusUpdate } from './status-update.js';
export {
  type CommsTemplates,
  MESSAGE_FIELD_KEYS,
  type MessageFieldKey,
  type MessageTemplate,
  type TemplateText,
  type TemplateVars,
} from './templates.js';
