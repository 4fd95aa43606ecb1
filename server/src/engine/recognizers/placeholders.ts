/**
 * Documentation and test values: reserved by a standard or published as the canonical example,
 * so they are nobody's data. Code, docs and fixtures are full of them (user@example.com,
 * 555-0100, the 4111… test card), and the synthetic replacements we write come from the same
 * reserved ranges, so a replaced value is not flagged again.
 */

const RESERVED_EMAIL_DOMAIN = /@(?:[\w-]+\.)*(?:example\.(?:com|net|org)|example|test|invalid|localhost)$/i;
/** RFC 5737 documentation ranges. */
const DOC_IPV4 = /^(?:192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$/;
/** RFC 3849. */
const DOC_IPV6 = /^2001:0?db8:/i;
/** Link-local (fe80::/10) and multicast (ff00::/8): they never leave the local link or name a host. */
const LOCAL_IPV6 = /^(?:fe[89ab][0-9a-f]?|ff[0-9a-f]{2}):/i;
/** Published test card numbers of the major payment processors. */
const TEST_CARDS = new Set([
  '4111111111111111', '4242424242424242', '4000056655665556', '4012888888881881', '4222222222222',
  '5555555555554444', '5105105105105100', '2223003122003222', '378282246310005', '371449635398431',
  '6011111111111117', '6011000990139424', '3056930009020004', '36227206271667', '3566002020360505',
]);
/** The IBAN examples of ISO 13616 / the SWIFT registry that every tutorial copies. */
const EXAMPLE_IBANS = new Set(['DE89370400440532013000', 'GB82WEST12345698765432', 'GB29NWBK60161331926819', 'FR1420041010050500013M02606', 'NL91ABNA0417164300']);
const NANP_FICTION = /(?:^|\D)555\D?01\d\d$/;
/** The Unix epoch, in the spellings API docs use ("midnight, January 1, 1970"). */
const UNIX_EPOCH = /^(?:(?:jan(?:uary)?\.? 1(?:st)?,? 1970)|(?:1 jan(?:uary)?\.? 1970)|(?:1970-01-01)|(?:01\/01\/1970))$/i;

/** Nothing but mask characters: "XX-XXXX", "****", "•••• ••••". */
const FULLY_MASKED = /^[xX*•#]{2,}(?:[\s\-.\/]+[xX*•#]+)*$/;

/** Why `value` of class `label` is a documentation/test value, or null when it may be real. */
export function placeholderReason(label: string, value: string): string | null {
  const compact = value.replace(/[\s-]/g, '');
  if (FULLY_MASKED.test(value.trim())) return 'fully masked value';
  switch (label) {
    case 'EMAIL':
      return RESERVED_EMAIL_DOMAIN.test(value.trim()) ? 'reserved example domain (RFC 2606)' : null;
    case 'IP':
    case 'IPV4':
    case 'IPV6':
      if (DOC_IPV4.test(value) || DOC_IPV6.test(value)) return 'documentation address range (RFC 5737/3849)';
      return LOCAL_IPV6.test(value) ? 'link-local or multicast IPv6 address' : null;
    case 'CREDITCARDNUMBER':
      return TEST_CARDS.has(compact) ? 'published test card number' : null;
    case 'IBAN':
      return EXAMPLE_IBANS.has(compact.toUpperCase()) ? 'standard example IBAN' : null;
    case 'PHONENUMBER':
      return NANP_FICTION.test(value.replace(/[\s().]/g, '')) ? 'fictional 555-01xx number' : null;
    case 'DATE':
    case 'DOB':
      return UNIX_EPOCH.test(value.trim()) ? 'the Unix epoch' : null;
    default:
      return null;
  }
}
