/** Thrown when a model folder is missing, incomplete or corrupt; `message` says which file and why. */
export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';
}

/** The rejection of a scan whose AbortSignal fired (a newer edit, a closed document). */
export function abortError(): Error {
  const e = new Error('scan cancelled');
  e.name = 'AbortError';
  return e;
}
