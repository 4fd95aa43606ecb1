/**
 * Entry point of the language server process (dist/server.js): process guards, then the
 * connection. The transport comes from the command line, as vscode-languageserver reads it:
 * `--node-ipc` when VS Code's client starts us, `--stdio` for tests and other editors.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { describeError } from './log';
import { startServer } from './server';

// An unexpected error must not take the editor's PII checks down with it, nor write document text
// to a log: only the error's type and stack frames are printed (see describeError).
process.on('uncaughtException', (e) => {
  console.error(`PII Lint server: uncaught exception\n${describeError(e)}`);
});
process.on('unhandledRejection', (e) => {
  console.error(`PII Lint server: unhandled rejection\n${describeError(e)}`);
});

// The parent is gone. vscode-languageserver exits when the stdio/IPC input ends and polls the
// client's process id (from `initialize` or `--clientProcessId`); a closed IPC channel is caught
// here at once. Under --stdio it also routes console output to the client, keeping stdout clean.
process.on('disconnect', () => process.exit(0));

startServer(createConnection(ProposedFeatures.all));
