import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnnamedValue } from '../../server/src/engine/filters/unnamedValues';

const dropped = (text: string, value: string, label = 'PASSWORD'): boolean => {
  const start = text.lastIndexOf(value);
  assert.ok(start >= 0, value);
  return isUnnamedValue(text, { start, end: start + value.length, label, score: 0.9, evidence: { model: 0.9 } });
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

test('a registration mark needs a word for a vehicle on its line, before or just after', () => {
  assert.equal(dropped('Fix SMBus detection of W83627EHF and W83627DHG', 'W83627EHF', 'VEHICLEVRM'), true);
  assert.equal(dropped('Add detection of DDR4 SPD', 'DDR4 SPD', 'VEHICLEVRM'), true);
  assert.equal(dropped('The car with plate KJ19 XYZ was towed.', 'KJ19 XYZ', 'VEHICLEVRM'), false);
  assert.equal(dropped('Fine for KJ19 XYZ, the blue van outside', 'KJ19 XYZ', 'VEHICLEVRM'), false);
  assert.equal(dropped('Kennzeichen: B-MW 1234', 'B-MW 1234', 'VEHICLEVRM'), false);
});

test('a bare year is a date of birth only beside a word for one, in any file', () => {
  assert.equal(dropped('--- !<tag:clarkevans.com,2002:invoice>', '2002', 'DOB'), true);
  assert.equal(dropped('O\'Reilly and Associates, 2002.', '2002', 'DOB'), true);
  assert.equal(dropped('She was born in 1962 in Lyon.', '1962', 'DOB'), false);
  assert.equal(dropped('Jeanne Roe, née 1962', '1962', 'DOB'), false);
  assert.equal(dropped('DOB: 12/03/1962', '12/03/1962', 'DOB'), false, 'a full date is not held back');
});

test('"pass" names a password only as a label ("pass: …", "pass is …"), not as a verb', () => {
  assert.equal(dropped('Pass -c4 to gensymbols, so that we notice', 'gensymbols'), true);
  assert.equal(dropped('wifi pass: tulips', 'tulips'), false);
  assert.equal(dropped('the pass is tulips', 'tulips'), false);
});
