#!/usr/bin/env python3
"""Copies the rows of a Strada SQLite database into a PostgreSQL database that `strada init`
(same master key copied beside it) has migrated to the same schema version: bench data only.

    strada init --data DIR --db URL && cp SQLITE_DIR/master.key DIR/master.key
    bench/sqlite_to_pg.py SQLITE_DIR/strada.db URL

`strada demo --cases 150000` writes one row per statement on PostgreSQL (20 minutes on a quiet
machine, hours on a loaded one); COPY of the same rows takes about two minutes. Tables and
columns are taken from PostgreSQL's schema (SQLite's full-text tables are left out); foreign keys
are not checked during the copy (session_replication_role = replica); ANALYZE at the end.
"""
import sqlite3, subprocess, sys
src, url = sys.argv[1], sys.argv[2]
c = sqlite3.connect('file:%s?mode=ro' % src, uri=True)
tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name")]
pgt = subprocess.run(['psql','-X','-A','-t',url,'-c',"SELECT table_name||'.'||column_name FROM information_schema.columns WHERE table_schema='public' AND (is_generated='NEVER')"],check=True,capture_output=True,text=True).stdout.split()
pgcols = {}
for x in pgt:
    a,b = x.split('.',1); pgcols.setdefault(a,set()).add(b)
tables = [t for t in tables if t in pgcols]
psql = lambda sql: subprocess.run(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', url, '-c', sql], check=True)
psql('TRUNCATE ' + ', '.join('"%s"' % t for t in tables) + ' CASCADE')
def cell(v):
    if v is None: return '\\N'
    if isinstance(v, (int, float)): return str(v)
    if isinstance(v, bytes): v = v.decode('utf-8')
    return '"' + v.replace('"', '""') + '"'
for t in tables:
    cols = [r[1] for r in c.execute('PRAGMA table_info("%s")' % t) if r[1] in pgcols[t]]
    collist = ', '.join('"%s"' % x for x in cols)
    p = subprocess.Popen(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', url, '-c',
        "SET session_replication_role = replica; COPY \"%s\" (%s) FROM STDIN WITH (FORMAT csv, NULL '\\N')" % (t, collist)],
        stdin=subprocess.PIPE, text=True)
    n = 0
    for row in c.execute('SELECT %s FROM "%s"' % (collist, t)):
        p.stdin.write(','.join(cell(v) for v in row) + '\n'); n += 1
    p.stdin.close()
    if p.wait() != 0: sys.exit('copy failed: ' + t)
    print(t, n, flush=True)
psql('ANALYZE')
