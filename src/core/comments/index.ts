export * from './schema.ts';
export { addThread, replyToThread, resolveThread, reopenThread, editComment, mergeThreads, threadStatus, resolutionOf, commentIds, byDate, type CommentRefusal, type CommentRefusalCode, type CommentOutcome, type NewThread, type NewEntry, type NewStatusEvent } from './threads.ts';
export { anchorKey, findAnchor, labelledAnchor, exposureSlot, exposureKey, exposureIndex, exposureAnchors, ANCHOR_KIND_ORDER, type AnchorDetail, type AnchorKind, type AnchorTarget } from './anchors.ts';
export { exportComments, importComments, commentedVersion, threadsOf, COMMENTS_MIGRATIONS, type CommentsTarget, type CommentsImport } from './exchange.ts';
export { commentsAnnex, type AnnexRow } from './annex.ts';
