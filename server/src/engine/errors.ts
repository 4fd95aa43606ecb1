/** Thrown when a model folder is missing, incomplete or corrupt; `message` says which file and why. */
export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';
}
