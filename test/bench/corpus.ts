/**
 * A deterministic mixed corpus for the bench and the reliability tests: prose, source code, JSON and
 * logs, with fictional personal data sprinkled in (names from short lists combined at random,
 * addresses at reserved-looking domains, numbers from a seeded generator). Nothing here belongs to
 * a real person, and the same seed always gives the same bytes.
 */
import { seededRandom } from '../unit/helpers/random';

export type CorpusKind = 'prose' | 'code' | 'json' | 'logs';
export const CORPUS_KINDS: readonly CorpusKind[] = ['prose', 'code', 'json', 'logs'];

const FIRST = ['Maren', 'Tobias', 'Ilse', 'Joaquin', 'Priya', 'Oskar', 'Leona', 'Dmitri', 'Amaya', 'Henrik', 'Soraya', 'Elias', 'Noor', 'Bastian', 'Yara', 'Florin'];
const LAST = ['Velden', 'Okafor', 'Brandt', 'Castellanos', 'Iyer', 'Lindqvist', 'Moreau', 'Petrenko', 'Achebe', 'Halvorsen', 'Quintero', 'Varga', 'Nakashima', 'Ferreira', 'Dubois', 'Kowalczyk'];
const CITIES = ['Lindenau', 'Port Averly', 'Marrowgate', 'Esterhal', 'Kelborough', 'San Lucido', 'Vintersby', 'Oakhaven'];
const STREETS = ['Birch Lane', 'Mill Road', 'Harbour Street', 'Kastanienweg', 'Rue des Tilleuls', 'Via dei Pini', 'Elm Court', 'Station Avenue'];
const WORDS = (
  'the a of to and in is for on with that as by this be are from at or it an was will can not which all ' +
  'report meeting project customer account invoice order delivery schedule review update request team ' +
  'service system release build deploy config network server client data record value field change issue ' +
  'please note thanks regards following attached below above current previous next week month quarter ' +
  'agreed confirmed pending approved rejected shipped received processed updated created deleted'
).split(' ');

type Rnd = () => number;
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const int = (rnd: Rnd, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
const digits = (rnd: Rnd, n: number): string => Array.from({ length: n }, () => String(int(rnd, 0, 9))).join('');

function name(rnd: Rnd): string {
  return `${pick(rnd, FIRST)} ${pick(rnd, LAST)}`;
}
function email(rnd: Rnd): string {
  return `${pick(rnd, FIRST).toLowerCase()}.${pick(rnd, LAST).toLowerCase()}${int(rnd, 1, 99)}@${pick(rnd, ['postbox', 'mailhub', 'corp-mail', 'inbox'])}.${pick(rnd, ['net', 'org', 'io'])}`;
}
function phone(rnd: Rnd): string {
  return `+${pick(rnd, ['44 20', '49 30', '33 1', '1 415'])} ${digits(rnd, 3)} ${digits(rnd, 4)}`;
}
function ip(rnd: Rnd): string {
  return `${int(rnd, 11, 223)}.${int(rnd, 0, 255)}.${int(rnd, 0, 255)}.${int(rnd, 1, 254)}`;
}
function address(rnd: Rnd): string {
  return `${int(rnd, 1, 240)} ${pick(rnd, STREETS)}, ${pick(rnd, CITIES)} ${digits(rnd, 5)}`;
}
function sentence(rnd: Rnd, words: number): string {
  const w = Array.from({ length: words }, () => pick(rnd, WORDS));
  w[0] = (w[0] as string)[0]!.toUpperCase() + (w[0] as string).slice(1);
  return `${w.join(' ')}.`;
}
function pii(rnd: Rnd): string {
  switch (int(rnd, 0, 4)) {
    case 0:
      return `${name(rnd)} (${email(rnd)})`;
    case 1:
      return `call ${name(rnd)} on ${phone(rnd)}`;
    case 2:
      return `ship to ${name(rnd)}, ${address(rnd)}`;
    case 3:
      return `contact ${email(rnd)}`;
    default:
      return `${pick(rnd, FIRST)} from ${pick(rnd, CITIES)}`;
  }
}

function proseLine(rnd: Rnd, i: number, piiRate = 0.3): string {
  if (i % 40 === 0) return `## ${sentence(rnd, int(rnd, 2, 5)).slice(0, -1)}`;
  if (i % 40 === 1) return '';
  const parts = [sentence(rnd, int(rnd, 6, 14))];
  if (rnd() < piiRate) parts.push(`${pii(rnd)[0]!.toUpperCase()}${pii(rnd).slice(1)}.`);
  if (rnd() < 0.5) parts.push(sentence(rnd, int(rnd, 4, 10)));
  return parts.join(' ');
}

function codeLine(rnd: Rnd, i: number): string {
  const ind = '  '.repeat(int(rnd, 0, 3));
  switch (i % 12) {
    case 0:
      return `export function ${pick(rnd, WORDS)}${pick(rnd, ['Record', 'Value', 'Order', 'Item'])}${i}(input: string, limit = ${int(rnd, 1, 500)}): number {`;
    case 1:
      return `${ind}// ${sentence(rnd, int(rnd, 4, 10))}${rnd() < 0.2 ? ` Owner: ${name(rnd)}.` : ''}`;
    case 2:
      return `${ind}const ${pick(rnd, WORDS)}Count = input.length * ${int(rnd, 2, 9)} + limit;`;
    case 3:
      return `${ind}if (${pick(rnd, WORDS)}Count > ${int(rnd, 10, 999)}) throw new Error('${sentence(rnd, int(rnd, 3, 6))}');`;
    case 4:
      return `${ind}const contact = '${rnd() < 0.3 ? email(rnd) : `${pick(rnd, WORDS)}-${pick(rnd, WORDS)}`}';`;
    case 5:
      return `${ind}for (let k = 0; k < limit; k++) total += values[k] ?? 0;`;
    case 6:
      return `${ind}/* ${sentence(rnd, int(rnd, 5, 12))} */`;
    case 7:
      return `${ind}logger.info(\`${pick(rnd, WORDS)} ${pick(rnd, WORDS)}: \${value}\`);`;
    case 8:
      return `${ind}return ${pick(rnd, WORDS)}Count > 0 ? total / ${pick(rnd, WORDS)}Count : 0;`;
    case 9:
      return '}';
    case 10:
      return '';
    default:
      return `# ${sentence(rnd, int(rnd, 3, 8))}`;
  }
}

function jsonLine(rnd: Rnd, i: number): string {
  const rec: Record<string, unknown> = {
    id: i,
    status: pick(rnd, ['active', 'pending', 'closed']),
    amount: Math.round(rnd() * 100000) / 100,
    note: sentence(rnd, int(rnd, 3, 9)),
  };
  if (rnd() < 0.4) rec.customer = { name: name(rnd), email: email(rnd) };
  if (rnd() < 0.2) rec.phone = phone(rnd);
  if (rnd() < 0.2) rec.address = address(rnd);
  return `${JSON.stringify(rec)},`;
}

function logLine(rnd: Rnd, i: number): string {
  const t = new Date(Date.UTC(2024, 2, 1) + i * 997).toISOString();
  const level = pick(rnd, ['INFO', 'INFO', 'INFO', 'WARN', 'DEBUG', 'ERROR']);
  const what = pick(rnd, [
    () => `GET /api/v1/${pick(rnd, WORDS)}/${int(rnd, 1, 99999)} 200 ${int(rnd, 1, 900)}ms from ${ip(rnd)}`,
    () => `user ${pick(rnd, FIRST).toLowerCase()}${int(rnd, 1, 999)} logged in from ${ip(rnd)}`,
    () => `job ${pick(rnd, WORDS)}-${digits(rnd, 6)} finished: ${int(rnd, 0, 5000)} records`,
    () => `mail queued for ${email(rnd)}`,
    () => `${sentence(rnd, int(rnd, 4, 9))}`,
  ])();
  return `${t} ${level} [${pick(rnd, ['api', 'worker', 'auth', 'mailer'])}] ${what}`;
}

const LINE: Record<CorpusKind, (rnd: Rnd, i: number) => string> = { prose: proseLine, code: codeLine, json: jsonLine, logs: logLine };

/** Lines of one kind until `bytes` UTF-8 bytes (cut at a line end, so a little under). */
export function corpusText(kind: CorpusKind, bytes: number, seed = 1): string {
  const rnd = seededRandom(seed * 7919 + CORPUS_KINDS.indexOf(kind) + 1);
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; ; i++) {
    const line = LINE[kind](rnd, i);
    const n = Buffer.byteLength(line) + 1;
    if (size + n > bytes) break;
    lines.push(line);
    size += n;
  }
  return lines.join('\n') + '\n';
}

/** `lines` lines of one kind. */
export function corpusLines(kind: CorpusKind, lines: number, seed = 1): string {
  const rnd = seededRandom(seed * 7919 + CORPUS_KINDS.indexOf(kind) + 1);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(LINE[kind](rnd, i));
  return out.join('\n') + '\n';
}

/** `lines` lines of prose with personal data in about one line in `every` (a typical document, not a stress test). */
export function sparseProse(lines: number, every: number, seed = 1): string {
  const rnd = seededRandom(seed * 7919 + 99);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(proseLine(rnd, i, 1 / every));
  return out.join('\n') + '\n';
}

/** About `bytes` of all four kinds, one document each (a quarter of the bytes apiece). */
export function mixedCorpus(bytes: number, seed = 1): Array<{ kind: CorpusKind; text: string }> {
  return CORPUS_KINDS.map((kind) => ({ kind, text: corpusText(kind, Math.floor(bytes / 4), seed) }));
}

/** One document of all four kinds interleaved in blocks of lines, about `bytes` long. */
export function mixedDocument(bytes: number, seed = 1): string {
  const parts = mixedCorpus(bytes, seed).map((p) => p.text.split('\n'));
  const out: string[] = [];
  const block = 50;
  for (let at = 0; parts.some((p) => at < p.length); at += block) {
    for (const p of parts) out.push(...p.slice(at, at + block).filter((_, i) => at + i < p.length - 1));
  }
  return out.join('\n') + '\n';
}
