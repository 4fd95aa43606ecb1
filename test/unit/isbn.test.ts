import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isNamedIsbn, isbnValid } from '../../server/src/engine/recognizers/isbn';
import { recognize } from '../../server/src/engine/recognizers/recognizers';

test('an ISBN named by the word before it and proven by its check digit; the phone recognizer passes it by', () => {
  assert.ok(isbnValid('0-596-00178-9') && isbnValid('978-0-596-52068-7') && isbnValid('0-8044-2957-X'));
  assert.ok(!isbnValid('0-596-00178-8') && !isbnValid('978-0-596-52068-6'));
  const text = "O'Reilly and Associates, 2002.  ISBN: 0-596-00178-9; call 0-596-00178-9";
  const at = (from: number): boolean => {
    const start = text.indexOf('0-596', from);
    return isNamedIsbn(text, start, start + 13);
  };
  assert.equal(at(0), true);
  assert.equal(at(text.indexOf('call')), false, 'the same digits without "ISBN" before them');
});

test('the phone recognizer does not report a named ISBN, and still reports the same digits as a phone', () => {
  const labels = (t: string): string[] => recognize(t).map((f) => f.label);
  assert.deepEqual(labels("O'Reilly, 2002.  ISBN: 0-596-00178-9"), []);
  assert.deepEqual(labels('Tel. 0-596-00178-9'), ['PHONENUMBER']);
  assert.deepEqual(labels('ISBN: 0-596-00178-8 (typo)'), ['PHONENUMBER'], 'a failing check digit proves nothing');
});
