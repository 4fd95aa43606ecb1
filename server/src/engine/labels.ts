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

/** The classes that are parts of a person's name. */
export const PERSON_NAME_CLASSES: ReadonlySet<string> = new Set(['FIRSTNAME', 'LASTNAME', 'MIDDLENAME']);

export type PiiClass = (typeof PII_CLASSES)[number];

/**
 * Classes only the recognizers report (the registry in recognizers/registry.ts). Kept apart from
 * PII_CLASSES: that list is the model's output layout, and a class added there is a model change.
 * NATIONALID findings name their scheme in `kind` ("uk-nhs", "in-aadhaar").
 */
export const RECOGNIZER_CLASSES = ['MRN', 'NPI', 'NATIONALID', 'ROUTINGNUMBER'] as const;

export type RecognizerClass = (typeof RECOGNIZER_CLASSES)[number];

/** Every class PII Lint itself can report: the model's and the recognizers'. */
export const KNOWN_CLASSES: readonly string[] = [...PII_CLASSES, ...RECOGNIZER_CLASSES];

/** BIO tag list used by the built-in model: O, then B-/I- for each class in PII_CLASSES order. */
export function bioLabels(): string[] {
  return ['O', ...PII_CLASSES.flatMap((c) => [`B-${c}`, `I-${c}`])];
}

/** Strips a B-/I-/E-/S-/L-/U- prefix: "B-EMAIL" -> "EMAIL". */
export function entityClass(tag: string): string {
  return /^[BIESLU]-/.test(tag) ? tag.slice(2) : tag;
}
