export { acknowledgement } from './acknowledgement.js';
export type { CommsOptions } from './build-context.js';
export { type ChannelNameOptions, channelName } from './channel-name.js';
export { type InitialNotificationOptions, initialNotification } from './initial-notification.js';
export {
  type AcknowledgedMessage,
  type ChannelRef,
  ChannelRefSchema,
  type InitialNotificationMessage,
  MESSAGE_KINDS,
  type Message,
  type MessageField,
  MessageFieldSchema,
  type MessageKind,
  type MessageOf,
  MessageSchema,
  type PostmortemPublishedMessage,
  type ReminderMessage,
  type ReminderReason,
  ReminderReasonSchema,
  type ResolutionNoticeMessage,
  type StatusPageStatus,
  StatusPageStatusSchema,
  type StatusPageUpdateMessage,
  type StatusUpdateMessage,
} from './message.js';
export { postmortemPublished } from './postmortem-published.js';
export { type ReminderInput, reminder } from './reminder.js';
export { type MessageFormat, type RenderMessageOptions, renderMessage } from './render-message.js';
export type { SlackBlock, SlackMessage, SlackTextObject } from './render-slack.js';
export {
  TEAMS_MESSAGE_MAX_BYTES,
  type TeamsAdaptiveCard,
  type TeamsMessage,
  type TeamsRichTextBlock,
  type TeamsTextRun,
} from './render-teams.js';
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
