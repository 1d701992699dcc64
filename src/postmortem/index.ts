export {
  type DraftPostmortemOptions,
  draftPostmortem,
  type PostmortemActionItemInput,
  type PostmortemInput,
  type PostmortemText,
} from './draft-postmortem.js';
export {
  lintBlameLanguage,
  lintPostmortem,
  POSTMORTEM_LINT_RULES,
  type PostmortemLintFinding,
  type PostmortemLintOptions,
  type PostmortemLintRule,
} from './lint-postmortem.js';
export { postmortemActionItemEvents } from './postmortem-action-item-events.js';
export {
  type MarkdownPostmortem,
  type PostmortemFromMarkdownOptions,
  postmortemFromMarkdown,
} from './postmortem-from-markdown.js';
export {
  type PublishedPostmortem,
  type PublishPostmortemEvent,
  type PublishPostmortemOptions,
  publishPostmortem,
} from './publish-postmortem.js';
export {
  type PostmortemFormat,
  type PostmortemRenderOptions,
  renderPostmortem,
} from './render-postmortem.js';
export {
  type ReviewWeekday,
  type ReviewWindow,
  type ReviewWindowOptions,
  reviewWindow,
} from './review-window.js';
export {
  type Postmortem,
  type PostmortemActionItemRow,
  PostmortemActionItemRowSchema,
  type PostmortemMetadata,
  PostmortemMetadataSchema,
  PostmortemSchema,
  type PostmortemSection,
  type PostmortemSectionContent,
  PostmortemSectionContentSchema,
  PostmortemSectionSchema,
  type PostmortemStatus,
  PostmortemStatusSchema,
  type PostmortemTimelineRow,
  PostmortemTimelineRowSchema,
  type PostmortemWhy,
  PostmortemWhySchema,
  parsePostmortem,
} from './schema.js';
export { POSTMORTEM_SECTION_IDS, type PostmortemContentKind, type PostmortemSectionId } from './sections.js';
export {
  defaultPostmortemTemplate,
  definePostmortemTemplate,
  type PostmortemTemplate,
  type PostmortemTemplateConfig,
  type PostmortemTemplateSection,
  type ResolvedTemplateSection,
} from './template.js';
