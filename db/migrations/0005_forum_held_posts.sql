ALTER TABLE `forum_posts` ADD `held_at` integer;--> statement-breakpoint
ALTER TABLE `forum_posts` ADD `held_reason` text;--> statement-breakpoint
ALTER TABLE `forum_posts` ADD `sent_back_at` integer;--> statement-breakpoint
CREATE INDEX `forum_posts_held_idx` ON `forum_posts` (`held_at`);--> statement-breakpoint
ALTER TABLE `forum_topics` ADD `hidden_at` integer;--> statement-breakpoint
-- Hand-written backfill: a topic whose opening post is already hidden is hidden with it,
-- and its posts leave the search index (the topic's title is indexed with each of them).
UPDATE `forum_topics` SET `hidden_at` = (
	SELECT p.`hidden_at` FROM `forum_posts` p WHERE p.`topic_id` = `forum_topics`.`id` ORDER BY p.`id` LIMIT 1
) WHERE (SELECT p.`hidden_at` FROM `forum_posts` p WHERE p.`topic_id` = `forum_topics`.`id` ORDER BY p.`id` LIMIT 1) IS NOT NULL;--> statement-breakpoint
DELETE FROM `forum_search` WHERE `topic_id` IN (SELECT `id` FROM `forum_topics` WHERE `hidden_at` IS NOT NULL);
