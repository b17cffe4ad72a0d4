/**
 * Who sees what of the forum. A deleted post's text no longer exists; a hidden post's text is
 * for moderators alone; a held post, why it is held and a moderator's note on it are for its
 * author and moderators; a topic whose opening post is held or hidden is for its author and
 * moderators. The forum's reads apply these rules to every post and topic they return (the
 * lists, counts and search leave out what a reader may not see in SQL as well).
 */

/** Who is reading: hidden topics and held posts are shown to moderators and to their authors. */
export interface ForumReader {
  moderator?: boolean;
  readerId?: number | null;
}

/** A post as stored, with its author's name and its open flags and earlier versions counted. */
export interface StoredPost {
  id: number;
  authorId: number | null;
  authorName: string | null;
  authorOrganisation: string | null;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
  hiddenAt: number | null;
  /** The moderator who hid it; null when members' flags hid it. */
  hiddenBy: number | null;
  hiddenReason: string | null;
  heldAt: number | null;
  heldReason: string | null;
  sentBackAt: number | null;
  body: string;
  bodyHtml: string;
  openFlags: number;
  versions: number;
}

/** A post as one reader may see it. */
export interface PostView {
  id: number;
  authorId: number | null;
  authorName: string | null;
  authorOrganisation: string | null;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  hidden: boolean;
  /** Hidden because members flagged it (no moderator has looked yet), not by a moderator. */
  hiddenByFlags: boolean;
  hiddenReason: string | null;
  /** Held for a moderator: only its author and moderators get it at all. */
  held: boolean;
  /** Why it is held, or the moderator's note when it was sent back: for its author and moderators. */
  heldReason: string | null;
  sentBack: boolean;
  /** Sanitised HTML; empty for deleted posts, and for hidden posts unless the reader moderates. */
  html: string;
  /** Markdown, for the author's edit form; empty when the reader may not see it. */
  body: string;
  openFlags: number;
  versions: number;
}

/** What `reader` may see of a stored post (the caller has already left out held posts they may not see at all). */
export function postAsSeenBy(post: StoredPost, { moderator = false, readerId = null }: ForumReader): PostView {
  const hidden = post.hiddenAt !== null;
  const deleted = post.deletedAt !== null;
  const held = post.heldAt !== null;
  const mayRead = !deleted && (!hidden || moderator);
  const authorOrModerator = moderator || (post.authorId !== null && post.authorId === readerId);
  return {
    id: post.id,
    authorId: post.authorId,
    authorName: post.authorName,
    authorOrganisation: post.authorOrganisation,
    createdAt: post.createdAt,
    editedAt: post.editedAt,
    deleted,
    hidden,
    hiddenByFlags: hidden && post.hiddenBy === null,
    hiddenReason: authorOrModerator ? post.hiddenReason : null,
    held,
    heldReason: held && authorOrModerator ? post.heldReason : null,
    sentBack: held && post.sentBackAt !== null,
    html: mayRead ? post.bodyHtml : '',
    body: mayRead && (moderator || post.authorId === readerId) ? post.body : '',
    openFlags: moderator ? post.openFlags : 0,
    versions: moderator ? post.versions : 0,
  };
}
