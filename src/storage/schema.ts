import type { Generated } from "kysely";

// The tables as the stores see them, for Kysely's typed queries. Booleans are stored as 0/1 integers
// and lists as JSON text on both SQLite and PostgreSQL, so one row mapping serves both.

/** `users`: citizens who wrote to the bot. */
export interface UsersTable {
  id: number;
  language: string | null;
  first_seen: string;
  last_seen: string;
  active: Generated<number>;
}

/** `question_log`: every question and browsing request. */
export interface QuestionLogTable {
  id: Generated<number>;
  user_id: number;
  chat_id: number | null;
  kind: string;
  question: string;
  answered: number;
  doc_id: string | null;
  hits: Generated<string>;
  latency_ms: number;
  feedback: number | null;
  page: Generated<number>;
  created_at: string;
}

/** `rate_windows`: each user's current rate-limit window, shared by every instance. */
export interface RateWindowsTable {
  user_id: number;
  window_start: number;
  messages: number;
  noticed: Generated<number>;
}

/** `button_presses`: the latest press of each button on each message, to drop a double tap on any instance. */
export interface ButtonPressesTable {
  press_key: string;
  pressed_at: number;
  repeated: Generated<number>;
}

/** `push_sources`: each source's fetch state. */
export interface PushSourcesTable {
  name: string;
  etag: string | null;
  last_modified: string | null;
  first_success_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  failures: Generated<number>;
  next_attempt_at: Generated<number>;
  items: Generated<number>;
}

/** `push_items`: articles and documents recorded from sources. */
export interface PushItemsTable {
  id: Generated<number>;
  doc_id: string;
  source: string;
  guid: string | null;
  url: string | null;
  content_hash: string;
  kind: "news" | "document";
  title: string;
  body: string;
  date: string | null;
  time: string | null;
  number: string | null;
  issuer: string | null;
  tags: Generated<string>;
  pushed: Generated<number>;
  created_at: number;
}

/** `push_subscriptions`: one chat's subscription and settings. */
export interface PushSubscriptionsTable {
  chat_id: number;
  active: Generated<number>;
  news: Generated<number>;
  documents: Generated<number>;
  topics: Generated<string>;
  keywords: Generated<string>;
  mode: Generated<"instant" | "digest">;
  quiet_hours: string | null;
  polls: Generated<number>;
  language: Generated<string>;
  created_at: number;
  updated_at: number;
  inactive_reason: string | null;
}

/** `push_digest_entries`: items waiting for a chat's digest. */
export interface PushDigestEntriesTable {
  chat_id: number;
  item_id: number;
  created_at: number;
}

/** `push_campaigns`: broadcasts whose progress is reported. */
export interface PushCampaignsTable {
  id: Generated<number>;
  kind: string;
  label: string;
  report_chat_id: number | null;
  report_message_id: number | null;
  created_by: number | null;
  created_at: number;
  finished_at: number | null;
}

/** `push_outbox`: one send to one chat. */
export interface PushOutboxTable {
  id: Generated<number>;
  kind: string;
  ref: string;
  chat_id: number;
  payload: string;
  campaign_id: number | null;
  status: Generated<"pending" | "sent" | "blocked" | "failed" | "cancelled">;
  not_before: Generated<number>;
  attempts: Generated<number>;
  first_attempt_at: number | null;
  last_error: string | null;
  message_id: number | null;
  created_at: number;
  done_at: number | null;
}

/** `push_corpus_files`: corpus files already seen. */
export interface PushCorpusFilesTable {
  path: string;
  size: number;
  mtime_ms: number;
  seen_at: number;
}

/** `push_announcements`: staff announcements. */
export interface PushAnnouncementsTable {
  id: Generated<number>;
  html: string;
  created_by: number;
  created_at: number;
  status: Generated<"draft" | "sent" | "cancelled">;
  campaign_id: number | null;
}

/** `polls`. */
export interface PollsTable {
  id: Generated<number>;
  question: string;
  multiple: Generated<number>;
  anonymous: Generated<number>;
  audience: "users" | "subscribers" | "chat";
  audience_chat_id: number | null;
  status: Generated<"draft" | "open" | "closed" | "cancelled">;
  created_by: number;
  created_at: number;
  opened_at: number | null;
  closes_at: number;
  closed_at: number | null;
  salt: string | null;
}

/** `poll_options`. */
export interface PollOptionsTable {
  poll_id: number;
  position: number;
  label: string;
}

/** `poll_copies`: messages carrying a poll. */
export interface PollCopiesTable {
  poll_id: number;
  chat_id: number;
  message_id: number;
  locale: Generated<string>;
  sent_at: number;
  closed_at: number | null;
}

/** `poll_ballots`: one per person per poll. */
export interface PollBallotsTable {
  poll_id: number;
  voter_key: string;
  user_id: number | null;
  voter_name: string | null;
  updated_at: number;
}

/** `poll_choices`: the options of a ballot. */
export interface PollChoicesTable {
  poll_id: number;
  voter_key: string;
  position: number;
}

/** `poll_drafts`: the guided creation flow's state per staff member. */
export interface PollDraftsTable {
  user_id: number;
  chat_id: number;
  step: string;
  data: string;
  updated_at: number;
}

/** `document_files`: Telegram's file ids of uploaded originals. */
export interface DocumentFilesTable {
  sha256: string;
  telegram_file_id: string;
  updated_at: number;
}

/** `item_documents`: the document fields of pushed items (file is JSON text or NULL). */
export interface ItemDocumentsTable {
  doc_id: string;
  kind: string | null;
  signer: string | null;
  file: string | null;
}

/** `leases`: work one instance at a time may do, and who does it until when. */
export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: number;
  acquired_at: number;
}

/** `job_schedule`: when each scheduled job is next due. */
export interface JobScheduleTable {
  name: string;
  next_at: number;
  updated_at: number;
}

/** `schema_migrations`: the migrations applied. */
export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

/** Every table of the database, for `Kysely<Schema>`. */
export interface Schema {
  users: UsersTable;
  question_log: QuestionLogTable;
  rate_windows: RateWindowsTable;
  button_presses: ButtonPressesTable;
  push_sources: PushSourcesTable;
  push_items: PushItemsTable;
  push_subscriptions: PushSubscriptionsTable;
  push_digest_entries: PushDigestEntriesTable;
  push_campaigns: PushCampaignsTable;
  push_outbox: PushOutboxTable;
  push_corpus_files: PushCorpusFilesTable;
  push_announcements: PushAnnouncementsTable;
  polls: PollsTable;
  poll_options: PollOptionsTable;
  poll_copies: PollCopiesTable;
  poll_ballots: PollBallotsTable;
  poll_choices: PollChoicesTable;
  poll_drafts: PollDraftsTable;
  document_files: DocumentFilesTable;
  item_documents: ItemDocumentsTable;
  leases: LeasesTable;
  job_schedule: JobScheduleTable;
  schema_migrations: SchemaMigrationsTable;
}
