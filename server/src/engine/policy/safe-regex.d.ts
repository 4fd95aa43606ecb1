/** safe-regex 2 (MIT) ships no types: true when the pattern's star height is safe. */
declare module 'safe-regex' {
  function safeRegex(re: string | RegExp, opts?: { limit?: number }): boolean;
  export = safeRegex;
}
