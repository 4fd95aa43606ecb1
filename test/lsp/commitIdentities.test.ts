// The Source Control input box follows the commit-msg hook's rule on identities: the committer's
// own sign-off and a co-author from the repository's history are not findings; a customer's address
// still is. A real git repository, a real server.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseIdent } from '../../server/src/engine/policy/commitIdentities';
import { TestClient, temporaryWorkspace } from './harness';

const CUSTOMER = 'jane.doe@acme-mail.com';
const CO_AUTHOR = 'Rui Costa <rui.costa@costa-mail.pt>';

const repo = temporaryWorkspace('pii-lint-lsp-repo-');
const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
git('init', '-q');
git('config', 'user.name', 'Ana Lima');
git('config', 'user.email', 'ana.lima@lima-dev.io');
writeFileSync(join(repo, 'README.md'), 'notes\n');
git('add', 'README.md');
git('commit', '-q', '-m', 'first', '--author', CO_AUTHOR);
// Whoever git says is committing here, as the server (same environment) will ask it.
const self = parseIdent(git('var', 'GIT_COMMITTER_IDENT'))!;

const message = [`Fix the invoice export for ${CUSTOMER}`, '', `Signed-off-by: ${self.name} <${self.email}>`, `Co-authored-by: ${CO_AUTHOR}`, ''].join('\n');
const scmUri = `vscode-scm:git/scm0/input?rootUri=${encodeURIComponent(pathToFileURL(repo).toString())}`;

const clients: TestClient[] = [];
after(async () => {
  for (const c of clients) await c.stop();
});

async function boxFindings(trusted: boolean): Promise<string[]> {
  const client = await TestClient.start({ workspace: repo, trusted });
  clients.push(client);
  client.open(scmUri, 'scminput', message);
  const diags = await client.diagnosticsFor(scmUri);
  return diags.map((d) => `${d.range.start.line}:${String(d.code)}`);
}

test('in the commit box, the sign-off and a history co-author pass; a customer\'s address is reported', { timeout: 60_000 }, async () => {
  const found = await boxFindings(true);
  assert.deepEqual(found, ['0:EMAIL']);
});

test('an untrusted workspace runs no git: the box reports the trailers too', { timeout: 60_000 }, async () => {
  const found = await boxFindings(false);
  assert.ok(found.includes('0:EMAIL'));
  assert.ok(found.some((f) => f.startsWith('2:')), `the sign-off line is reported: ${found.join(', ')}`);
  assert.ok(found.some((f) => f.startsWith('3:')), `the co-author line is reported: ${found.join(', ')}`);
});
