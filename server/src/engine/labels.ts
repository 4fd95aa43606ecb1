/** The 56 classes of the ai4privacy pii-masking-200k scheme. */
export const PII_CLASSES = [
  'FIRSTNAME', 'LASTNAME', 'MIDDLENAME', 'PREFIX', 'SEX', 'GENDER', 'AGE', 'DOB', 'DATE', 'TIME',
  'EYECOLOR', 'HEIGHT', 'JOBTITLE', 'JOBAREA', 'JOBTYPE', 'COMPANYNAME', 'EMAIL', 'USERNAME',
  'PASSWORD', 'URL', 'IP', 'IPV4', 'IPV6', 'MAC', 'USERAGENT', 'PHONENUMBER', 'PHONEIMEI', 'STREET',
  'BUILDINGNUMBER', 'SECONDARYADDRESS', 'CITY', 'STATE', 'COUNTY', 'ZIPCODE', 'NEARBYGPSCOORDINATE',
  'ORDINALDIRECTION', 'ACCOUNTNAME', 'ACCOUNTNUMBER', 'IBAN', 'BIC', 'CREDITCARDNUMBER',
  'CREDITCARDISSUER', 'CREDITCARDCVV', 'MASKEDNUMBER', 'PIN', 'SSN', 'AMOUNT', 'CURRENCY',
  'CURRENCYCODE', 'CURRENCYNAME', 'CURRENCYSYMBOL', 'BITCOINADDRESS', 'ETHEREUMADDRESS',
  'LITECOINADDRESS', 'VEHICLEVIN', 'VEHICLEVRM',
] as const;

export type PiiClass = (typeof PII_CLASSES)[number];

/** BIO tag list used by the built-in model: O, then B-/I- for each class in PII_CLASSES order. */
export function bioLabels(): string[] {
  return ['O', ...PII_CLASSES.flatMap((c) => [`B-${c}`, `I-${c}`])];
}

/** Strips a B-/I-/E-/S-/L-/U- prefix: "B-EMAIL" -> "EMAIL". */
export function entityClass(tag: string): string {
  return /^[BIESLU]-/.test(tag) ? tag.slice(2) : tag;
}
