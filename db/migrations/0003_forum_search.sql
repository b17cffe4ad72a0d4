-- Full-text search over visible forum posts. Kept by the forum code, not by triggers:
-- a post is indexed when it is written and removed when it is deleted or hidden.
-- The topic title is indexed with every post so a search finds replies in a matching topic.
CREATE VIRTUAL TABLE `forum_search` USING fts5(
	`title`,
	`body`,
	`post_id` UNINDEXED,
	`topic_id` UNINDEXED,
	tokenize = 'porter unicode61'
);
