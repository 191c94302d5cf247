/**
 * The language server: capabilities, open documents and thin handlers over the pure language
 * service (`./service`). Each handler gets the document, the cached parse of its version, and
 * calls the service inside a guard (`./runner`). Nothing here depends on the transport, so the
 * same server runs over stdio, node-ipc or in-process streams (tests).
 */
import {
  CodeActionKind,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type Diagnostic,
  type Command,
  type Connection,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
  type InitializeResult,
  type SymbolInformation,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createTextDocument, updateTextDocument } from '../service/textDocument';
import { createParseCache } from './parseCache';
import { formatError, runSafe, runSafeAsync, runSafeNotification } from './runner';
import {
  createPhoneDeliveryService,
  type ParsedDocument,
  type PhoneDeliveryService,
  type ServiceOptions,
  type TextChange,
} from '../service';
import { DEFAULT_SERVER_SETTINGS, serverSettingsFrom, type ServerSettings } from './settings';

export interface ServerRuntime {
  /** Builds the language service from the options read at `initialize` (tests wrap it to observe calls). */
  createService?(options: ServiceOptions): PhoneDeliveryService;
  /** The tree of a large document became garbage: collect it in `delayMs` (node: idleCollector.ts). */
  releaseMemory?(delayMs: number): void;
}

/** Documents from this size up leave tens of megabytes of tree behind them. */
const LARGE_DOCUMENT = 512 * 1024;

/**
 * Completion opens on a quote (a key or a string value begins), after a colon (a value follows), on
 * `$` and `{` (a `${…}` variable in `url`/`body`, or a new object).
 */
export const TRIGGER_CHARACTERS = ['"', ':', '$', '{'];

/** Applies a quick fix's edit, for clients that take code actions only as commands. */
export const APPLY_EDIT_COMMAND = 'pingone.phoneDelivery.applyEdit';

export function startServer(connection: Connection, runtime: ServerRuntime = {}): void {
  const log = connection.console;
  let settings: ServerSettings = DEFAULT_SERVER_SETTINGS;
  let service: PhoneDeliveryService = createPhoneDeliveryService(settings.service);
  const parses = createParseCache(
    () => service,
    (length) => {
      if (length >= LARGE_DOCUMENT) runtime.releaseMemory?.(1000);
    },
  );
  const documents = new TextDocuments({
    create: createTextDocument,
    update: (document, changes, version) => {
      const applied: (TextChange | undefined)[] = [];
      const from = document.version; // read first: TextDocument.update changes the document in place
      // textDocument.ts: the library's update, each change reported in offsets (for the incremental
      // parse), and the lines right where vscode-languageserver-textdocument 1.0.12 miscounts them.
      const updated = updateTextDocument(document, changes, version, (change) => applied.push(change));
      parses.changed(document.uri, from, version, applied);
      return updated;
    },
  });

  /** The open documents' parse, shared by every feature. */
  function withDocument<T>(uri: string, empty: T, compute: (document: TextDocument, parsed: ParsedDocument) => T): T {
    const document = documents.get(uri);
    return document ? compute(document, parses.get(document)) : empty;
  }

  connection.onInitialize((params): InitializeResult => {
    settings = serverSettingsFrom(params);
    service = (runtime.createService ?? createPhoneDeliveryService)(settings.service);
    parses.clear();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: settings.codeActionLiterals ? { codeActionKinds: [CodeActionKind.QuickFix] } : true,
        executeCommandProvider: settings.codeActionLiterals ? undefined : { commands: [APPLY_EDIT_COMMAND] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        foldingRangeProvider: true,
        documentSymbolProvider: true,
        // Declared only to a client that pulls: it then never gets publishDiagnostics as well.
        diagnosticProvider: settings.pullDiagnostics
          ? { identifier: 'pingone', interFileDependencies: false, workspaceDiagnostics: false }
          : undefined,
      },
      serverInfo: { name: 'pingone-phone-delivery' },
    };
  });

  connection.onShutdown(() => {
    parses.clear();
  });

  // --- Diagnostics -------------------------------------------------------------------------

  // Pull: the client asks when it wants them. The result id names one open session and version,
  // so a repeated pull of an unchanged document is answered "unchanged".
  let openCount = 0;
  const openSession = new Map<string, number>();
  const resultIdOf = (document: TextDocument) => `${openSession.get(document.uri) ?? 0}:${document.version}`;

  connection.languages.diagnostics.on((params, token) => {
    const emptyReport: DocumentDiagnosticReport = { kind: 'full', items: [] };
    return runSafe(
      log,
      (): DocumentDiagnosticReport =>
        withDocument(params.textDocument.uri, emptyReport, (document, parsed): DocumentDiagnosticReport => {
          const resultId = resultIdOf(document);
          if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
          return { kind: 'full', resultId, items: service.validate(document, parsed) };
        }),
      emptyReport,
      `Error while computing diagnostics for ${params.textDocument.uri}`,
      token,
    );
  });

  // Push: validate on the next turn of the event loop after a change. Several changes queued by
  // then collapse into one run on the newest version, and a version already published is skipped.
  const scheduled = new Set<string>();
  const publishedVersion = new Map<string, number>();

  function scheduleValidation(uri: string): void {
    if (settings.pullDiagnostics || scheduled.has(uri)) return;
    scheduled.add(uri);
    setImmediate(() => {
      scheduled.delete(uri);
      const document = documents.get(uri);
      if (!document || publishedVersion.get(uri) === document.version) return;
      publishedVersion.set(uri, document.version);
      let diagnostics: Diagnostic[];
      try {
        diagnostics = service.validate(document, parses.get(document));
      } catch (e) {
        log.error(formatError(`Error while validating ${uri}`, e));
        diagnostics = [];
      }
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    });
  }

  documents.onDidOpen((event) => {
    openSession.set(event.document.uri, ++openCount);
  });

  documents.onDidChangeContent((event) => {
    scheduleValidation(event.document.uri);
  });

  documents.onDidClose((event) => {
    runSafeNotification(
      log,
      () => {
        const uri = event.document.uri;
        parses.delete(uri);
        if (event.document.getText().length >= LARGE_DOCUMENT) runtime.releaseMemory?.(0);
        openSession.delete(uri);
        if (!settings.pullDiagnostics && publishedVersion.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      },
      `Error while closing ${event.document.uri}`,
    );
  });

  // --- Features ----------------------------------------------------------------------------

  connection.onCompletion((params, token) =>
    runSafe(
      log,
      () => withDocument(params.textDocument.uri, null, (document, parsed) => service.complete(document, params.position, parsed)),
      null,
      `Error while computing completions for ${params.textDocument.uri}`,
      token,
    ),
  );

  connection.onHover((params, token) =>
    runSafe(
      log,
      () => withDocument(params.textDocument.uri, null, (document, parsed) => service.hover(document, params.position, parsed)),
      null,
      `Error while computing hover for ${params.textDocument.uri}`,
      token,
    ),
  );

  connection.onCodeAction((params, token) =>
    runSafe(
      log,
      (): (CodeAction | Command)[] =>
        withDocument(params.textDocument.uri, [], (document, parsed) => {
          const only = params.context.only;
          const actions = service
            .codeActions(document, params.range, params.context.diagnostics, parsed)
            .filter((a) => !only || only.some((kind) => a.kind !== undefined && (a.kind === kind || a.kind.startsWith(kind + '.'))));
          return settings.codeActionLiterals ? actions : actions.map(asCommand);
        }),
      [],
      `Error while computing code actions for ${params.textDocument.uri}`,
      token,
    ),
  );

  connection.onExecuteCommand((params, token) =>
    runSafeAsync(
      log,
      async () => {
        if (params.command !== APPLY_EDIT_COMMAND) throw new Error(`Unknown command ${params.command}`);
        const edit = params.arguments?.[0] as WorkspaceEdit | undefined;
        if (edit) await connection.workspace.applyEdit(edit);
        return null;
      },
      null,
      `Error while running ${params.command}`,
      token,
    ),
  );

  connection.onDocumentFormatting((params, token) =>
    runSafe(
      log,
      // Not a document beyond the limits: formatting one (50 MB, or 100,000 levels deep) would answer gigabytes of edits.
      () =>
        withDocument(params.textDocument.uri, [], (document, parsed) =>
          parsed.skipped ? [] : service.format(document, undefined, params.options),
        ),
      [],
      `Error while formatting ${params.textDocument.uri}`,
      token,
    ),
  );

  connection.onDocumentRangeFormatting((params, token) =>
    runSafe(
      log,
      () =>
        withDocument(params.textDocument.uri, [], (document, parsed) =>
          parsed.skipped ? [] : service.format(document, params.range, params.options),
        ),
      [],
      `Error while formatting a range of ${params.textDocument.uri}`,
      token,
    ),
  );

  connection.onFoldingRanges((params, token) =>
    runSafe(
      log,
      () =>
        withDocument(params.textDocument.uri, [], (document, parsed) => {
          const ranges = service.foldingRanges(document, parsed);
          const limit = settings.foldingRangeLimit;
          return limit !== undefined && ranges.length > limit ? ranges.slice(0, limit) : ranges;
        }),
      [],
      `Error while computing folding ranges for ${params.textDocument.uri}`,
      token,
    ),
  );

  connection.onDocumentSymbol((params, token) =>
    runSafe(
      log,
      (): DocumentSymbol[] | SymbolInformation[] =>
        withDocument(params.textDocument.uri, [], (document, parsed) => {
          const symbols = service.documentSymbols(document, parsed);
          return settings.hierarchicalSymbols ? symbols : flattenSymbols(document.uri, symbols);
        }),
      [],
      `Error while computing document symbols for ${params.textDocument.uri}`,
      token,
    ),
  );

  documents.listen(connection);
  connection.listen();
}

/** A quick fix as a command that applies its edit (or its own command when it has no edit). */
function asCommand(action: CodeAction): Command {
  if (action.edit) return { title: action.title, command: APPLY_EDIT_COMMAND, arguments: [action.edit] };
  return action.command ?? { title: action.title, command: APPLY_EDIT_COMMAND, arguments: [] };
}

/** `SymbolInformation` for clients without hierarchical symbols; iterative, in document order. */
export function flattenSymbols(uri: string, symbols: DocumentSymbol[]): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  const stack: { symbol: DocumentSymbol; container?: string }[] = symbols.map((symbol) => ({ symbol })).reverse();
  while (stack.length) {
    const { symbol, container } = stack.pop()!;
    out.push({ name: symbol.name, kind: symbol.kind, location: { uri, range: symbol.range }, containerName: container });
    const children = symbol.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ symbol: children[i], container: symbol.name });
  }
  return out;
}
