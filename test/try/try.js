#!/usr/bin/env node
// `npm run try`: builds the extension, starts the local PingOne stand-in, writes example files into
// test/try/workspace/ and serves VS Code 1.100.3 with the extension (installed from a fresh .vsix) on a
// loopback URL that it prints. Runs until Ctrl+C, which stops everything.
//
//   npm run try [-- --port 4080] [--pingone-port 4040] [--workspace DIR] [--reset] [--verbose]
//     --port          VS Code's port (default 4080; any free port when taken)
//     --pingone-port  the stand-in's port (default 4040; any free port when taken)
//     --workspace     the folder to open (default test/try/workspace, git-ignored)
//     --reset         rewrite the example files (they are otherwise kept, with your edits)
//     --verbose       VS Code server output on stderr
'use strict';
const path = require('path');
const fs = require('fs');
const { startTry, say } = require('./lib');

function parseArgs(argv) {
  const o = { port: 4080, pingonePort: 4040, workspace: path.join(__dirname, 'workspace'), reset: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '--port':
        o.port = Number(value());
        break;
      case '--pingone-port':
        o.pingonePort = Number(value());
        break;
      case '--workspace':
        o.workspace = path.resolve(value());
        break;
      case '--reset':
        o.reset = true;
        break;
      case '--verbose':
        o.verbose = true;
        break;
      case '-h':
      case '--help':
        console.log(
          fs
            .readFileSync(__filename, 'utf8')
            .split('\n')
            .slice(1, 11)
            .map((l) => l.replace(/^\/\/ ?/, ''))
            .join('\n'),
        );
        process.exit(0);
        break;
      default:
        console.error(`unknown option ${argv[i]} (see --help)`);
        process.exit(64);
    }
  }
  return o;
}

(async () => {
  const o = parseArgs(process.argv.slice(2));
  let session,
    stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping: VS Code server, PingOne stand-in…');
    await session?.stop();
    console.log('Stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  process.on('SIGHUP', () => stop(0));
  try {
    session = await startTry({
      workspace: o.workspace,
      reset: o.reset,
      vscodePort: o.port,
      pingonePort: o.pingonePort,
      verbose: o.verbose,
    });
  } catch (e) {
    console.error(`npm run try: ${(e && e.message) || e}`);
    return stop(1);
  }
  const { url, local, workspace, files, envName } = session;
  const rel = (p) => path.relative(process.cwd(), p) || '.';
  console.log(`
────────────────────────────────────────────────────────────────────────────────────────────────
 PingOne Phone Delivery Settings in VS Code 1.100.3, served to your browser

 Open:  ${url}
        (the tkn= in it is this server's connection token: a request without it is refused; keep it to yourself)

 Workspace ${rel(workspace)}/: ${files.join(', ')}
 (${files.find((f) => /mistakes/.test(f))} shows diagnostics; .vscode/settings.json defines the environment "${envName}")

 Local PingOne stand-in (a fake on loopback, not PingOne):
   API URL            ${local.apiBase}
   Auth URL           ${local.authBase}
   Environment id     ${local.environmentId}
   Worker client id   ${local.clientId}
   Client secret      ${local.clientSecret}

 To send a file:
   1. F1 → "PingOne: Set Client Secret" → paste the client secret above. The environment comes from
      the workspace's settings, so the extension asks once to approve it: choose "Allow".
   2. Open an example, F1 → "PingOne: Send to PingOne", "Create". Values for {{placeholders}} (any text
      will do here) are asked for once and kept in secret storage. The response opens beside the file.
 In this browser-served VS Code, secret storage lasts only as long as the browser session (this VS Code
 build keeps it in memory; reloading the page forgets it): set the secret again after a reload. Desktop
 VS Code keeps it in the operating system's keychain.
 The server listens on 127.0.0.1 only; from another machine: ssh -L ${session.vscode.port}:127.0.0.1:${session.vscode.port} <this host>.

 Press Ctrl+C to stop everything.
────────────────────────────────────────────────────────────────────────────────────────────────
`);
  const c = await session.vscode.exited;
  if (!stopping) {
    const tail = fs.readFileSync(session.vscode.logFile, 'utf8').split('\n').slice(-30).join('\n');
    console.error(`The VS Code server stopped (${c}). Last lines of its log:\n${tail}`);
    await stop(1);
  }
})();
