/**
 * Words that say a number beside them is a phone number: "call", "tel", "fax" before it,
 * "(office)", "home" after it. The phone recognizer asks before it accepts a number written
 * without a country code; the technical-file rules ask before they keep one (filters/fileContext.ts).
 */
const PHONE_CONTEXT = /\b(?:phone|tel|telephone|mobile|mob|cell|cellphone|fax|call|calling|called|contact|reach|dial|whatsapp|sms|text me|ring|hotline|answering|direct line|phone number|contact number|mobile number)\b/;
const PHONE_CONTEXT_AFTER = /^\W{0,3}(?:office|home|work|mobile|cell|fax|tel|phone)\b/;

/** Whether a phone word stands right before [start, end) (48 characters) or right after it. */
export function phoneWordBeside(text: string, start: number, end: number): boolean {
  return PHONE_CONTEXT.test(text.slice(Math.max(0, start - 48), start).toLowerCase()) || PHONE_CONTEXT_AFTER.test(text.slice(end, end + 20).toLowerCase());
}
