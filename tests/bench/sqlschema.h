/*
 * The SQLite side of the benchmark: the same data as the sedesk desk in
 * tables with the natural indexes, and an FTS5 table over the same text.
 *
 * Case ids are year << 32 | sequence, so that the integer primary key
 * orders cases as sedesk's keys do (newest = largest).  Statuses, route
 * states, channels and priorities keep sedesk's enum values; due dates
 * are sedesk's day numbers.  FTS5 documents: one per enterprise (rowid =
 * its id, small) and one per case (rowid = the case id, large), so that
 * ORDER BY rowid DESC gives cases newest first, then enterprises.
 *
 * Contact moments and events (issue 12): a moment's time and an event's
 * start are sedesk's floating local times (seconds since 1970 as if local
 * time were UTC), as its timeline orders them; moment states and
 * attendance states keep sedesk's enum values (a moment 2: held;
 * attendance 3: attended).  Their FTS5 documents have rowids year << 32
 * with bit 31 set (moments) or bits 31 and 30 (events) and a running
 * number, so they sort among the cases of their year.
 */
#ifndef SEDESK_BENCH_SQLSCHEMA_H
#define SEDESK_BENCH_SQLSCHEMA_H

#define SQL_SCHEMA \
	"CREATE TABLE enterprise(id INTEGER PRIMARY KEY, uuid BLOB NOT NULL UNIQUE,\n" \
	"  name TEXT NOT NULL, number TEXT UNIQUE, legal_form TEXT, email TEXT, phone TEXT,\n" \
	"  street TEXT, postcode TEXT, city TEXT, tags TEXT, offers TEXT, contacts TEXT,\n" \
	"  notes TEXT, created INTEGER, updated INTEGER, version INTEGER);\n" \
	"CREATE INDEX enterprise_by_name ON enterprise(name COLLATE NOCASE);\n" \
	"CREATE TABLE cases(id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE,\n" \
	"  uuid BLOB NOT NULL UNIQUE, enterprise INTEGER NOT NULL REFERENCES enterprise(id),\n" \
	"  subject TEXT NOT NULL, description TEXT, category TEXT, owner TEXT, resolution TEXT,\n" \
	"  channel INTEGER, priority INTEGER, status INTEGER NOT NULL, created INTEGER,\n" \
	"  updated INTEGER, closed INTEGER, due INTEGER, satisfaction INTEGER, version INTEGER);\n" \
	"CREATE INDEX cases_by_status ON cases(status);\n" \
	"CREATE INDEX cases_by_enterprise ON cases(enterprise);\n" \
	"CREATE INDEX cases_by_owner ON cases(owner);\n" \
	"CREATE INDEX cases_open_by_due ON cases(due) WHERE status IN (1, 2, 3, 4);\n" \
	"CREATE TABLE route(case_id INTEGER NOT NULL REFERENCES cases(id), dept TEXT NOT NULL,\n" \
	"  state INTEGER NOT NULL, officer TEXT, due INTEGER, answer TEXT, routed INTEGER,\n" \
	"  picked_up INTEGER, finished INTEGER, round INTEGER,\n" \
	"  PRIMARY KEY(case_id, dept)) WITHOUT ROWID;\n" \
	"CREATE INDEX route_by_dept ON route(dept, case_id);\n" \
	"CREATE INDEX route_by_dept_state ON route(dept, state, case_id);\n" \
	"CREATE TABLE journal(id INTEGER PRIMARY KEY, case_id INTEGER, enterprise INTEGER,\n" \
	"  at INTEGER, actor TEXT, kind TEXT, dept TEXT, text TEXT, field TEXT, old_value TEXT,\n" \
	"  new_value TEXT);\n" \
	"CREATE INDEX journal_by_case ON journal(case_id, id);\n" \
	"CREATE TABLE moment(id INTEGER PRIMARY KEY, uuid BLOB NOT NULL UNIQUE,\n" \
	"  enterprise INTEGER NOT NULL REFERENCES enterprise(id), kind INTEGER NOT NULL,\n" \
	"  at INTEGER NOT NULL, timed INTEGER, departments TEXT, participants TEXT, text TEXT,\n" \
	"  state INTEGER NOT NULL, follow_up INTEGER, case_number TEXT, owner TEXT,\n" \
	"  created INTEGER, updated INTEGER, held INTEGER, version INTEGER);\n" \
	"CREATE INDEX moment_by_enterprise ON moment(enterprise, at);\n" \
	"CREATE INDEX moment_by_at ON moment(at);\n" \
	"CREATE TABLE event(id INTEGER PRIMARY KEY, uuid BLOB NOT NULL UNIQUE, title TEXT NOT NULL,\n" \
	"  kind INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER, place TEXT, depts TEXT,\n" \
	"  capacity INTEGER, description TEXT, organiser TEXT, created INTEGER, updated INTEGER,\n" \
	"  version INTEGER);\n" \
	"CREATE INDEX event_by_start ON event(start);\n" \
	"CREATE TABLE attendance(event INTEGER NOT NULL REFERENCES event(id),\n" \
	"  enterprise INTEGER NOT NULL REFERENCES enterprise(id), state INTEGER NOT NULL,\n" \
	"  people INTEGER, invited INTEGER, registered INTEGER, attended INTEGER,\n" \
	"  PRIMARY KEY(event, enterprise)) WITHOUT ROWID;\n" \
	"CREATE INDEX attendance_by_enterprise ON attendance(enterprise, event);\n" \
	"CREATE VIRTUAL TABLE search USING fts5(title, body,\n" \
	"  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');\n"

#endif
