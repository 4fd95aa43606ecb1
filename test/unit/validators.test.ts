import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { validateEntity } from '../../server/src/engine/recognizers/validators';
import { luhnCheckDigit, luhnValid, ibanCheckDigits, ibanMod97Valid, vinCheckDigit } from '../../server/src/engine/recognizers/checksums';
import { keccak256, sponge256 } from '../../server/src/engine/recognizers/keccak';
import { base58checkEncode, base58checkVersion, decodeSegwit, encodeSegwit, toEip55 } from '../../server/src/engine/recognizers/coinAddress';
import { parseDate, renderDate } from '../../server/src/engine/recognizers/dates';

const valid = (label: string, value: string): boolean | undefined => validateEntity(label, value)?.valid;

describe('checksum arithmetic', () => {
  test('Luhn check digit agrees with known card numbers', () => {
    assert.equal(luhnCheckDigit('411111111111111'), 1);
    assert.equal(luhnCheckDigit('49015420323751'), 8);
    assert.ok(luhnValid('4111111111111111'));
    assert.ok(!luhnValid('4111111111111112'));
  });

  test('IBAN check digits reproduce real IBANs', () => {
    assert.equal(ibanCheckDigits('GB', 'WEST12345698765432'), '82');
    assert.equal(ibanCheckDigits('DE', '370400440532013000'), '89');
    assert.ok(ibanMod97Valid('GB82WEST12345698765432'));
    assert.ok(!ibanMod97Valid('GB83WEST12345698765432'));
  });

  test('VIN check digit', () => {
    assert.equal(vinCheckDigit('1M8GDM9AXKP042788'), 'X');
    assert.equal(vinCheckDigit('11111111111111111'), '1');
    assert.equal(vinCheckDigit('1M8GDM9AXKP04278'), null);
  });

  test('Keccak sponge matches node sha3-256 with SHA-3 padding, and Keccak-256 of ""', () => {
    for (const n of [0, 1, 135, 136, 137, 500]) {
      const data = new Uint8Array(n).map((_, i) => (i * 131 + 7) & 255);
      assert.equal(Buffer.from(sponge256(data, 0x06)).toString('hex'), createHash('sha3-256').update(data).digest('hex'));
    }
    assert.equal(Buffer.from(keccak256(new Uint8Array())).toString('hex'), 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
  });

  test('base58check and bech32 round-trip', () => {
    const hash = new Uint8Array(20).map((_, i) => i * 7);
    assert.equal(base58checkVersion(base58checkEncode(0x30, hash)), 0x30);
    const segwit = decodeSegwit('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', ['bc']);
    assert.ok(segwit);
    assert.equal(encodeSegwit(segwit), 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq');
    assert.equal(toEip55('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'), '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed');
  });
});

describe('validateEntity', () => {
  test('card security codes: 3 or 4 digits, or a failure', () => {
    assert.equal(valid('CREDITCARDCVV', '123'), undefined);
    assert.equal(valid('CREDITCARDCVV', '1234'), undefined);
    for (const v of ['8317507', '65', '12a']) assert.equal(valid('CREDITCARDCVV', v), false, v);
  });

  test('user agents: a product/version token, or a failure (a bare version in an apt log is not one)', () => {
    assert.equal(valid('USERAGENT', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36'), undefined);
    assert.equal(valid('USERAGENT', 'curl/8.5.0'), undefined);
    for (const v of ['528.0.0', 'gnupg_2.2.40', 'release_12.0', '6.4']) assert.equal(valid('USERAGENT', v), false, v);
  });

  test('credit cards: Luhn over grouped digits', () => {
    assert.deepEqual(validateEntity('CREDITCARDNUMBER', '4111 1111 1111 1111'), { valid: true, validator: 'Luhn ✓' });
    assert.equal(valid('CREDITCARDNUMBER', '4111-1111-1111-1112'), false);
    assert.equal(valid('CREDITCARDNUMBER', '3782 822463 10005'), true); // Amex 4-6-5
    assert.equal(valid('CREDITCARDNUMBER', '4111'), false);
    assert.equal(valid('CREDITCARDNUMBER', '4532************7890'), false);
  });

  test('IMEI: 15 digits with Luhn, IMEISV by format', () => {
    assert.equal(valid('PHONEIMEI', '490154203237518'), true);
    assert.equal(valid('PHONEIMEI', '49-015420-323751-8'), true);
    assert.equal(valid('PHONEIMEI', '490154203237519'), false);
    assert.equal(valid('PHONEIMEI', '4901542032375101'), true);
  });

  test('IBAN: country format and mod-97, spaces and lower case accepted', () => {
    assert.deepEqual(validateEntity('IBAN', 'GB82 WEST 1234 5698 7654 32'), { valid: true, validator: 'IBAN mod-97 ✓' });
    assert.equal(valid('IBAN', 'gb12spfc66723974480868'), true);
    assert.equal(valid('IBAN', 'DE89370400440532013000'), true);
    assert.equal(valid('IBAN', 'DE89370400440532013001'), false);
    assert.equal(valid('IBAN', 'GB82WEST1234569876543'), false); // one character short for GB
  });

  test('IP addresses', () => {
    assert.equal(valid('IPV4', '192.168.1.20'), true);
    assert.equal(valid('IPV4', '256.1.1.1'), false);
    assert.equal(valid('IPV6', '2001:db8::8a2e:370:7334'), true);
    assert.equal(valid('IPV6', '2001:db8::8a2e::7334'), false);
    assert.equal(valid('IP', 'fe80::1'), true);
    assert.equal(valid('IP', '10.0.0.1'), true);
  });

  test('email, MAC, BIC, URL', () => {
    assert.equal(valid('EMAIL', 'jane.doe@example.com'), true);
    assert.equal(valid('EMAIL', 'jane.doe@'), false);
    assert.equal(valid('MAC', '00:1A:2B:3C:4D:5E'), true);
    assert.equal(valid('MAC', '00-1a-2b-3c-4d-5e'), true);
    assert.equal(valid('MAC', '00:1A:2B:3C:4D'), false);
    assert.equal(valid('BIC', 'DEUTDEFF'), true);
    assert.equal(valid('BIC', 'DEUTDEFF500'), true);
    assert.equal(valid('BIC', 'DEUTQQFF'), false); // QQ is no country
    assert.equal(valid('URL', 'https://example.com/a?b=c'), true);
  });

  test('VIN: check digit for North America, format elsewhere', () => {
    assert.deepEqual(validateEntity('VEHICLEVIN', '1M8GDM9AXKP042788'), { valid: true, validator: 'VIN check digit ✓' });
    assert.equal(valid('VEHICLEVIN', '1M8GDM9A1KP042788'), false);
    const european = validateEntity('VEHICLEVIN', 'WVWZZZ1JZXW000001');
    assert.equal(european?.valid, true);
    assert.match(european?.validator ?? '', /non-North-American/);
    assert.equal(valid('VEHICLEVIN', 'WVWZZZ1JZXW00000I'), false); // I is never used
  });

  test('crypto addresses need a valid checksum', () => {
    assert.equal(valid('BITCOINADDRESS', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'), true);
    assert.equal(valid('BITCOINADDRESS', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb'), false);
    assert.equal(valid('BITCOINADDRESS', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'), true);
    assert.equal(valid('BITCOINADDRESS', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'), true);
    assert.equal(valid('BITCOINADDRESS', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr'), false);
    assert.equal(valid('BITCOINADDRESS', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0'), true);
    assert.equal(valid('LITECOINADDRESS', 'LVg2kJoFNg45Nbpy53h7Fe1wKyeXVRhMH9'), true);
    assert.equal(valid('LITECOINADDRESS', 'ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9'), true);
    assert.equal(valid('LITECOINADDRESS', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'), false);
    assert.deepEqual(validateEntity('ETHEREUMADDRESS', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'), { valid: true, validator: 'EIP-55 checksum ✓' });
    assert.equal(valid('ETHEREUMADDRESS', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'), false);
    assert.equal(valid('ETHEREUMADDRESS', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'), true);
  });

  test('SSN area/group/serial rules', () => {
    assert.equal(valid('SSN', '304-33-4965'), true);
    assert.equal(valid('SSN', '304 33 4965'), true);
    assert.equal(valid('SSN', '304334965'), true);
    for (const bad of ['000-12-3456', '666-12-3456', '912-12-3456', '123-00-4567', '123-45-0000', '12-345-6789']) {
      assert.equal(valid('SSN', bad), false, bad);
    }
  });

  test('phone numbers through libphonenumber, national formats by guessed country', () => {
    assert.match(validateEntity('PHONENUMBER', '+44 20 7946 0958')?.validator ?? '', /libphonenumber ✓ \(\+44\)/);
    assert.equal(valid('PHONENUMBER', '+1 (415) 892-2671'), true);
    assert.equal(valid('PHONENUMBER', '(415) 892-2671'), true);
    assert.match(validateEntity('PHONENUMBER', '(03) 5327 5996')?.validator ?? '', /national/);
    assert.equal(valid('PHONENUMBER', '833.719.3994x1887'), true);
    assert.match(validateEntity('PHONENUMBER', '555-0142')?.validator ?? '', /fictional/);
    assert.equal(valid('PHONENUMBER', '12'), false);
    assert.equal(valid('PHONENUMBER', '+1 123'), false);
  });

  test('dates: calendar sanity, unknown formats give no verdict', () => {
    assert.equal(valid('DATE', '2024-02-29'), true);
    assert.equal(valid('DATE', '2023-02-29'), false);
    assert.equal(valid('DATE', '13/13/2020'), false);
    assert.equal(valid('DATE', '12/31/2020'), true);
    assert.equal(valid('DATE', '31.12.2020'), true);
    assert.equal(valid('DATE', 'March 5th, 2024'), true);
    assert.equal(valid('DATE', '5 March 2024'), true);
    assert.equal(valid('DATE', 'February 30, 2024'), false);
    assert.equal(validateEntity('DATE', 'last Tuesday'), null);
    assert.equal(valid('DOB', '1984-07-12'), true);
    assert.equal(valid('DOB', '2150-07-12'), false);
  });

  test('currency codes: ISO 4217 and crypto tickers, any case; other three-letter words fail', () => {
    assert.equal(valid('CURRENCYCODE', 'EUR'), true);
    assert.equal(valid('CURRENCYCODE', 'usd'), true);
    assert.equal(valid('CURRENCYCODE', 'BTC'), true);
    assert.equal(valid('CURRENCYCODE', 'CFO'), false);
  });

  test('durations and bare ordinals are no dates or times; clock times get no verdict', () => {
    assert.equal(valid('TIME', '2 months'), false);
    assert.equal(valid('DATE', '3 days'), false);
    assert.equal(valid('DOB', '10th'), false);
    assert.match(validateEntity('TIME', '2 months')?.validator ?? '', /duration/);
    assert.equal(validateEntity('TIME', '09:33:20'), null);
    assert.equal(valid('DATE', 'March 10th, 2024'), true);
  });

  test('classes without validators return null', () => {
    assert.equal(validateEntity('FIRSTNAME', 'Jane'), null);
    assert.equal(validateEntity('NOT_A_CLASS', 'x'), null);
  });
});

describe('date templates', () => {
  test('render reproduces the original format', () => {
    for (const s of ['2024-03-05', '05/03/2024', '3.5.24', '20240305', 'March 5th, 2024', '5 Mar 2024', 'Tuesday, 5 March 2024', 'MARCH 2024', 'sep. 9, 2021', 'Sept 9, 2021']) {
      const d = parseDate(s);
      assert.ok(d, s);
      // "Sept" is written back as the three-letter "Sep"; everything else round-trips exactly.
      assert.equal(renderDate(d.parts, d.year, d.month, d.day ?? 1), s.replace('Sept', 'Sep'));
    }
  });
});
