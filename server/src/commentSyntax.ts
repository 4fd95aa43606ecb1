/**
 * How to write a one-line comment in a language, for the "disable for this line" quick fix. Only
 * languages whose comment syntax is certain are listed: a directive written in the wrong syntax
 * would change the program (or the data file) rather than silence a warning.
 */

export interface LineComment {
  open: string;
  /** Closing marker for block-only syntaxes (HTML, CSS). */
  close?: string;
}

const SLASHES: LineComment = { open: '//' };
const HASH: LineComment = { open: '#' };
const DASHES: LineComment = { open: '--' };
const PERCENT: LineComment = { open: '%' };
const SEMICOLON: LineComment = { open: ';' };
const HTML: LineComment = { open: '<!--', close: '-->' };
const CSS: LineComment = { open: '/*', close: '*/' };

const BY_LANGUAGE: Record<string, LineComment> = {};
function add(syntax: LineComment, ids: string): void {
  for (const id of ids.split(/\s+/)) if (id) BY_LANGUAGE[id] = syntax;
}

add(
  SLASHES,
  `javascript javascriptreact typescript typescriptreact jsonc json5 c cpp objective-c objective-cpp cuda-cpp
   csharp java go rust swift kotlin scala dart php groovy fsharp proto proto3 scss less glsl hlsl zig d
   vue-ts solidity`,
);
add(
  HASH,
  `python shellscript ruby perl perl6 r yaml toml dockerfile makefile powershell elixir coffeescript julia
   properties dotenv cmake nim tcl crystal ignore git-commit git-rebase gitignore graphql nix terraform hcl
   starlark bazel`,
);
add(DASHES, 'sql plsql pgsql mysql lua haskell elm ada');
add(PERCENT, 'latex tex bibtex erlang matlab');
add(SEMICOLON, 'ini clojure lisp scheme racket asm');
add(HTML, 'markdown html xml xsl svg razor');
add(CSS, 'css');

/** The comment syntax of a VS Code language id, or undefined when it has none we trust. */
export function lineCommentFor(languageId: string): LineComment | undefined {
  return Object.hasOwn(BY_LANGUAGE, languageId) ? BY_LANGUAGE[languageId] : undefined;
}

export function commentLine(syntax: LineComment, body: string): string {
  return syntax.close ? `${syntax.open} ${body} ${syntax.close}` : `${syntax.open} ${body}`;
}
