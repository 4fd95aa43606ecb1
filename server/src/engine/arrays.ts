/** `target.push(...items)` passes every item as an argument: a file with tens of thousands of
 * findings overflows the call stack. A loop has no such limit. */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}
