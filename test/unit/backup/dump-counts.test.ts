// The manifest's row counts come from the mariadb-dump file itself (services/backup/dump-counts.ts): tuples are
// counted outside quoted strings, in either layout mariadb-dump writes (one statement per line, or one tuple per
// line as MariaDB 10.11 does), and a table created with no INSERT counts 0.
import { expect } from 'chai';
import { binlogPosition, DumpRowCounter } from '../../../server/services/backup/dump-counts.js';

const count = (dump: string) => {
  const counter = new DumpRowCounter();
  for (const line of dump.split('\n')) counter.line(line);
  return counter.counts();
};

describe('DumpRowCounter (mariadb-dump row counts)', () => {
  const cases: { name: string; dump: string; counts: Record<string, number> }[] = [
    {
      name: 'one extended INSERT per line, several statements for one table',
      dump: "CREATE TABLE `t` (\n  `id` int\n);\nINSERT INTO `t` VALUES (1,'a'),(2,'b');\nINSERT INTO `t` VALUES (3,'c');",
      counts: { t: 3 },
    },
    {
      name: 'one tuple per line (MariaDB 10.11 layout)',
      dump: "CREATE TABLE `t` (\n`id` int);\nINSERT INTO `t` VALUES\n(1,'a'),\n(2,'b'),\n(3,'c');\nUNLOCK TABLES;",
      counts: { t: 3 },
    },
    {
      name: 'parentheses, semicolons, quotes and escaped quotes inside strings are not rows',
      dump: "CREATE TABLE `t` (\n);\nINSERT INTO `t` VALUES (1,'(x); (y)','it\\'s (no)','back\\\\'),(2,'\\n(\\r)');",
      counts: { t: 2 },
    },
    {
      name: 'hex blobs, NULLs and nested parentheses in a value',
      dump: "CREATE TABLE `raw` (\n);\nINSERT INTO `raw` VALUES ('abc',0x28290A3B27,NULL,POINT(1,2)),('def',0x,NULL,NULL);",
      counts: { raw: 2 },
    },
    {
      name: 'a table created with no rows counts 0, a backtick in a name is unescaped',
      dump: 'CREATE TABLE `empty` (\n);\nCREATE TABLE `we``ird` (\n);\nINSERT INTO `we``ird` VALUES (1);',
      counts: { empty: 0, 'we`ird': 1 },
    },
    {
      name: 'an INSERT-looking text inside a string on a continuation line is not a statement',
      dump: "CREATE TABLE `a` (\n);\nCREATE TABLE `b` (\n);\nINSERT INTO `a` VALUES\n(1,'INSERT INTO `b` VALUES (9)'),\n(2,'x');",
      counts: { a: 2, b: 0 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(count(c.dump)).to.deep.equal(c.counts);
    });
  }
});

describe('binlogPosition (where a dump sits in the binary log)', () => {
  it('reads the commented CHANGE MASTER line that --master-data=2 writes, and nothing else', () => {
    expect(binlogPosition("-- CHANGE MASTER TO MASTER_LOG_FILE='mariadb-bin.000042', MASTER_LOG_POS=1234;")).to.deep.equal({ file: 'mariadb-bin.000042', position: 1234 });
    expect(binlogPosition("CHANGE MASTER TO MASTER_LOG_FILE='x', MASTER_LOG_POS=1;")).to.equal(null);
    expect(binlogPosition("INSERT INTO `t` VALUES ('-- CHANGE MASTER TO')")).to.equal(null);
  });
});
