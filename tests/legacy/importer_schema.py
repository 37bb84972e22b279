"""The original Mirubato's three D1 databases, as CREATE statements written from the schemas
in ../shared/reference/ (the final, intended state the references give: mirubato-api.md §5.1,
mirubato-scores.md §2, mirubato-dictionary.md §8; the schema specification seeds/000_*.txt
for what they leave out). Used by the import_mirubato tests to build the databases.

`logbook_entries` is named by the API reference (§5.1, "legacy, unused") without columns; the
one here is an assumption (the §7.1 entry fields as columns), enough to test that an older
database holding it still imports.
"""

from __future__ import annotations

API = """
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT UNIQUE NOT NULL,
  display_name TEXT,
  auth_provider TEXT DEFAULT 'magic_link' CHECK (auth_provider IN ('magic_link','google')),
  google_id TEXT,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  last_login_at TIMESTAMP,
  login_count INTEGER DEFAULT 0,
  role TEXT DEFAULT 'user' CHECK (role IN ('user','teacher','admin')),
  primary_instrument TEXT CHECK (primary_instrument IN ('piano','guitar','both'))
);
CREATE INDEX idx_users_email ON users(email);

CREATE TABLE sync_data (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  data TEXT NOT NULL,
  checksum TEXT NOT NULL,
  version INTEGER DEFAULT 1,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  deleted_at TIMESTAMP,
  device_id TEXT,
  seq INTEGER,
  UNIQUE(user_id, entity_type, entity_id)
);
CREATE UNIQUE INDEX idx_sync_data_seq ON sync_data(seq);
CREATE INDEX idx_sync_data_user_type_seq ON sync_data(user_id, entity_type, seq);
CREATE TRIGGER update_sync_data_timestamp AFTER UPDATE ON sync_data
BEGIN
  UPDATE sync_data SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

CREATE TABLE sync_metadata (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  last_sync_token TEXT,
  last_sync_time TIMESTAMP,
  device_count INTEGER DEFAULT 1,
  last_device_id TEXT,
  sync_conflict_count INTEGER DEFAULT 0
);
CREATE TABLE sync_sequence (id INTEGER PRIMARY KEY CHECK (id = 1), current_value INTEGER);
CREATE TABLE idempotency_keys (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  request_hash TEXT NOT NULL,
  response TEXT NOT NULL,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  expires_at DATETIME NOT NULL
);
CREATE TABLE sync_events (
  id TEXT PRIMARY KEY, user_id TEXT, device_id TEXT, trigger_type TEXT,
  status TEXT CHECK (status IN ('started','completed','failed')), entries_processed INTEGER,
  duplicates_prevented INTEGER, duration_ms INTEGER, error_message TEXT, created_at TIMESTAMP
);

CREATE TABLE user_repertoire (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  score_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'planned'
    CHECK (status IN ('planned','learning','polished','dropped')),
  difficulty_rating INTEGER CHECK (difficulty_rating BETWEEN 1 AND 5),
  personal_notes TEXT,
  reference_links TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE(user_id, score_id)
);

CREATE TABLE goals (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT,
  type TEXT NOT NULL CHECK (type IN ('practice_time','accuracy','repertoire','custom')),
  target_value INTEGER,
  current_value INTEGER DEFAULT 0,
  target_date DATE,
  status TEXT DEFAULT 'active' CHECK (status IN ('active','completed','abandoned')),
  created_at DATETIME,
  updated_at DATETIME,
  score_id TEXT,
  measures TEXT,
  practice_plan TEXT,
  milestones TEXT
);
CREATE TABLE goal_progress (
  id TEXT PRIMARY KEY,
  goal_id TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
  value REAL NOT NULL,
  notes TEXT,
  session_id TEXT,
  recorded_at INTEGER NOT NULL
);

CREATE TABLE score_annotations (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  score_id TEXT NOT NULL,
  page_number INTEGER NOT NULL,
  annotation_data TEXT NOT NULL,
  annotation_type TEXT NOT NULL
    CHECK (annotation_type IN ('highlight','text','drawing','measure_bracket')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE user_preferences (user_id TEXT PRIMARY KEY, preferences TEXT);
"""

LOGBOOK_ENTRIES = """
CREATE TABLE logbook_entries (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, timestamp INTEGER NOT NULL,
  duration INTEGER NOT NULL, type TEXT NOT NULL, instrument TEXT, pieces TEXT,
  techniques TEXT, goal_ids TEXT, notes TEXT, mood TEXT, tags TEXT, metadata TEXT,
  created_at INTEGER, updated_at INTEGER, deleted_at TIMESTAMP
);
"""

SCORES = """
CREATE TABLE scores (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  composer TEXT NOT NULL,
  opus TEXT,
  movement TEXT,
  instrument TEXT NOT NULL,
  difficulty TEXT NOT NULL,
  difficulty_level INTEGER CHECK (difficulty_level BETWEEN 1 AND 10),
  grade_level TEXT,
  duration_seconds INTEGER,
  time_signature TEXT,
  key_signature TEXT,
  tempo_marking TEXT,
  suggested_tempo INTEGER,
  style_period TEXT,
  source TEXT,
  imslp_url TEXT,
  tags TEXT,
  metadata TEXT,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  slug TEXT,
  pdf_url TEXT,
  created_by TEXT,
  processing_status TEXT DEFAULT 'pending',
  processing_error TEXT,
  subtitle TEXT,
  description TEXT,
  file_name TEXT,
  source_url TEXT,
  year INTEGER,
  imported_at DATETIME,
  ai_metadata TEXT,
  visual_analysis TEXT,
  visual_confidence REAL,
  user_id TEXT,
  visibility TEXT DEFAULT 'private' CHECK (visibility IN ('private','public','unlisted')),
  source_type TEXT DEFAULT 'pdf' CHECK (source_type IN ('pdf','image','multi-image')),
  page_count INTEGER DEFAULT 1,
  derived_visibility TEXT,
  normalized_id TEXT
);
CREATE INDEX idx_scores_normalized_id ON scores(normalized_id);

CREATE TABLE score_versions (
  id TEXT PRIMARY KEY,
  score_id TEXT NOT NULL REFERENCES scores(id) ON DELETE CASCADE,
  format TEXT NOT NULL CHECK (format IN ('pdf','musicxml','vexflow','image','abc')),
  r2_key TEXT NOT NULL,
  file_size_bytes INTEGER,
  page_count INTEGER,
  resolution TEXT,
  processing_status TEXT DEFAULT 'pending',
  processing_error TEXT,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  extracted_text TEXT,
  pdf_metadata TEXT,
  text_extraction_status TEXT,
  updated_at DATETIME
);
CREATE TABLE score_pages (
  id TEXT PRIMARY KEY,
  score_id TEXT NOT NULL REFERENCES scores(id) ON DELETE CASCADE,
  page_number INTEGER NOT NULL,
  image_url TEXT NOT NULL,
  r2_key TEXT NOT NULL,
  width INTEGER, height INTEGER, file_size_bytes INTEGER,
  mime_type TEXT CHECK (mime_type IN ('image/png','image/jpeg','image/jpg')),
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  UNIQUE(score_id, page_number)
);

CREATE TABLE collections (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  slug TEXT UNIQUE NOT NULL,
  description TEXT,
  instrument TEXT,
  difficulty TEXT,
  score_ids TEXT NOT NULL,
  display_order INTEGER DEFAULT 0,
  is_featured BOOLEAN DEFAULT FALSE,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  featured_order INTEGER DEFAULT 0,
  created_by TEXT
);
CREATE TABLE user_collections (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  slug TEXT NOT NULL,
  visibility TEXT DEFAULT 'private' CHECK (visibility IN ('private','public','unlisted')),
  is_default BOOLEAN DEFAULT FALSE,
  collection_type TEXT DEFAULT 'personal'
    CHECK (collection_type IN ('personal','professional','platform')),
  score_ids TEXT NOT NULL DEFAULT '[]',
  tags TEXT DEFAULT '[]',
  display_order INTEGER DEFAULT 0,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  owner_type TEXT DEFAULT 'user' CHECK (owner_type IN ('user','admin','teacher')),
  shared_with TEXT DEFAULT '[]',
  featured_at DATETIME,
  featured_by TEXT,
  UNIQUE(user_id, slug)
);
CREATE TABLE collection_members (
  id TEXT PRIMARY KEY,
  collection_id TEXT NOT NULL REFERENCES user_collections(id) ON DELETE CASCADE,
  score_id TEXT NOT NULL REFERENCES scores(id) ON DELETE CASCADE,
  display_order INTEGER DEFAULT 0,
  added_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  UNIQUE(collection_id, score_id)
);
CREATE TABLE collection_visibility_log (
  id TEXT PRIMARY KEY, collection_id TEXT, score_id TEXT, old_visibility TEXT,
  new_visibility TEXT, changed_by TEXT, changed_at DATETIME
);
CREATE TABLE score_analytics (
  score_id TEXT PRIMARY KEY REFERENCES scores(id) ON DELETE CASCADE,
  view_count INTEGER DEFAULT 0,
  download_count INTEGER DEFAULT 0,
  render_count INTEGER DEFAULT 0,
  last_viewed_at DATETIME
);
CREATE TABLE user_score_favorites (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  score_id TEXT NOT NULL REFERENCES scores(id) ON DELETE CASCADE,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  UNIQUE(user_id, score_id)
);
"""

DICTIONARY = """
CREATE TABLE dictionary_entries (
  id TEXT PRIMARY KEY,
  term TEXT NOT NULL,
  normalized_term TEXT NOT NULL,
  lang TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en','es','fr','de','zh-CN','zh-TW')),
  source_lang TEXT,
  lang_confidence REAL DEFAULT 1.0,
  type TEXT NOT NULL,
  definition TEXT NOT NULL,
  refs TEXT NOT NULL,
  metadata TEXT NOT NULL,
  quality_score TEXT NOT NULL,
  overall_score REAL NOT NULL CHECK (overall_score BETWEEN 0 AND 100),
  created_at TEXT NOT NULL DEFAULT (datetime('now')),
  updated_at TEXT NOT NULL DEFAULT (datetime('now')),
  version INTEGER NOT NULL DEFAULT 1,
  ai_metadata TEXT DEFAULT '{}',
  UNIQUE(normalized_term, lang)
);
CREATE TABLE search_analytics (
  id TEXT PRIMARY KEY, term TEXT NOT NULL, normalized_term TEXT NOT NULL, found INTEGER NOT NULL,
  entry_id TEXT, response_time_ms INTEGER NOT NULL, searched_at TEXT DEFAULT (datetime('now')),
  user_session_id TEXT, user_id TEXT, search_source TEXT DEFAULT 'web',
  search_lang TEXT DEFAULT 'en', result_lang TEXT
);
CREATE TABLE user_feedback (
  id TEXT PRIMARY KEY, entry_id TEXT NOT NULL, user_id TEXT,
  rating INTEGER CHECK (rating BETWEEN 1 AND 5), helpful INTEGER, feedback_text TEXT,
  feedback_type TEXT CHECK (feedback_type IN ('accuracy','clarity','completeness','other')),
  created_at TEXT DEFAULT (datetime('now'))
);
CREATE TABLE related_terms (
  id TEXT PRIMARY KEY, entry_id TEXT NOT NULL, related_entry_id TEXT NOT NULL,
  relationship_type TEXT NOT NULL
    CHECK (relationship_type IN ('synonym','antonym','see_also','broader','narrower','related')),
  confidence_score REAL DEFAULT 1.0, created_at TEXT DEFAULT (datetime('now')),
  UNIQUE(entry_id, related_entry_id, relationship_type)
);
CREATE TABLE seed_queue (
  id TEXT PRIMARY KEY, term TEXT NOT NULL, languages TEXT NOT NULL, priority INTEGER DEFAULT 5,
  status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER DEFAULT 0, last_attempt_at TEXT,
  completed_at TEXT, error_message TEXT, created_at TEXT NOT NULL, category TEXT,
  source TEXT DEFAULT 'manual', related_terms TEXT, retry_after DATETIME
);
CREATE TABLE ai_token_usage (
  id TEXT PRIMARY KEY, date TEXT NOT NULL, model TEXT NOT NULL, tokens_used INTEGER NOT NULL,
  terms_processed INTEGER NOT NULL DEFAULT 0, created_at TEXT
);
"""
