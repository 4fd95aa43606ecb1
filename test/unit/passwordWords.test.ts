import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnnamedWordPassword } from '../../server/src/engine/filters/passwordWords';

const dropped = (text: string, value: string, label = 'PASSWORD'): boolean => {
  const start = text.lastIndexOf(value);
  assert.ok(start >= 0, value);
  return isUnnamedWordPassword(text, { start, end: start + value.length, label, score: 0.9, evidence: { model: 0.9 } });
};

test('a word of letters read as a password with nothing naming it one is dropped', () => {
  assert.equal(dropped('openjdk-17 (17.0.15+6-1~deb12u1) bookworm-security; urgency=medium', 'openjdk'), true);
  assert.equal(dropped('Run gcloud compute routers update NAME', 'gcloud'), true);
  // The name must be on the finding's own line.
  assert.equal(dropped('The password policy changed.\nopenjdk is installed', 'openjdk'), true);
});

test('a named password, a secret-shaped one, and other classes stay', () => {
  assert.equal(dropped('Your new password is sunshine', 'sunshine'), false);
  assert.equal(dropped('Passwort: Sonnenschein', 'Sonnenschein'), false);
  assert.equal(dropped('wifi PIN for the lobby: tulips', 'tulips'), false);
  assert.equal(dropped('log in with W!nter2024 tomorrow', 'W!nter2024'), false);
  assert.equal(dropped('log in with hunter2 tomorrow', 'hunter2'), false);
  assert.equal(dropped('openjdk-17 (17.0.15) bookworm', 'openjdk', 'USERNAME'), false);
});
