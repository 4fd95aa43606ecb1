/**
 * A book's number read as a phone number: `ISBN: 0-596-00178-9` in a module's references (a
 * trunk 0 and ten digits make a German number to libphonenumber). The word before it names it, and
 * its check digit (ISBN-10 mod 11, ISBN-13 mod 10) proves it: the phone recognizer passes it by.
 */
const ISBN_BEFORE = /\bISBN(?:-1[03])?\s*(?:[:#]\s*)?$/i;

export function isbnValid(value: string): boolean {
  const s = value.replace(/[\s-]/g, '');
  if (/^\d{9}[\dX]$/i.test(s)) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (10 - i) * (s[i]!.toUpperCase() === 'X' ? 10 : Number(s[i]));
    return sum % 11 === 0;
  }
  if (/^97[89]\d{10}$/.test(s)) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += Number(s[i]) * (i % 2 === 0 ? 1 : 3);
    return sum % 10 === 0;
  }
  return false;
}

/** text[start, end) is an ISBN with "ISBN" right before it. */
export function isNamedIsbn(text: string, start: number, end: number): boolean {
  return ISBN_BEFORE.test(text.slice(Math.max(0, start - 12), start)) && isbnValid(text.slice(start, end));
}
