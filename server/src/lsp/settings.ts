/**
 * What the server needs to know about its client, read once at `initialize`: the options the
 * client passes (`initializationOptions`) and the capabilities it declares. Raw values are
 * untrusted: anything missing or malformed means the default, so `{}`, `null` or no options at all
 * switch nothing off.
 */
import { MarkupKind, type ClientCapabilities } from 'vscode-languageserver';
import type { ServiceOptions } from '../service';

/** `initializationOptions` the server understands. */
export interface InitializationOptions {
  /**
   * Offer whole-document provider templates in an empty file (default `true`). A client that
   * contributes the same templates as snippets passes `false`, so they are not offered twice.
   */
  templateCompletions?: boolean;
  /** Documents larger (characters) or deeper than this are not checked in full; the person is told so. */
  limits?: { maxSize?: number; maxDepth?: number };
  /**
   * A command of the client that moves a literal secret into its secret storage (`ServiceOptions`);
   * no move is offered without it.
   */
  secretStorageCommand?: string;
}

export interface ServerSettings {
  /** Options of the language service, from the initialization options and the capabilities. */
  service: Required<Pick<ServiceOptions, 'templateCompletions' | 'snippetSupport' | 'markdown'>> &
    Pick<ServiceOptions, 'limits' | 'secretStorageCommand'>;
  /** Diagnostics by pull (`textDocument/diagnostic`) rather than by `publishDiagnostics`. */
  pullDiagnostics: boolean;
  /** The client takes `DocumentSymbol` trees; otherwise flat `SymbolInformation` lists. */
  hierarchicalSymbols: boolean;
  /** The client takes `CodeAction` literals; otherwise quick fixes are sent as commands. */
  codeActionLiterals: boolean;
  /** The most folding ranges the client wants, if it says. */
  foldingRangeLimit: number | undefined;
}

/** The options as the server uses them: every one but the optional command filled in. */
export type NormalizedOptions = Required<Omit<InitializationOptions, 'secretStorageCommand'>> &
  Pick<InitializationOptions, 'secretStorageCommand'>;

export const DEFAULT_INITIALIZATION_OPTIONS: NormalizedOptions = { templateCompletions: true, limits: {} };

/** A command identifier (`pingone.setSecretVariable`): anything else is ignored. */
const COMMAND_ID = /^[A-Za-z][\w.-]{0,99}$/;

const positive = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

export function normalizeInitializationOptions(raw: unknown): NormalizedOptions {
  const options = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const limits = options.limits !== null && typeof options.limits === 'object' ? (options.limits as Record<string, unknown>) : {};
  const maxSize = positive(limits.maxSize);
  const maxDepth = positive(limits.maxDepth);
  return {
    templateCompletions:
      typeof options.templateCompletions === 'boolean' ? options.templateCompletions : DEFAULT_INITIALIZATION_OPTIONS.templateCompletions,
    limits: { ...(maxSize ? { maxSize } : {}), ...(maxDepth ? { maxDepth: Math.floor(maxDepth) } : {}) },
    ...(typeof options.secretStorageCommand === 'string' && COMMAND_ID.test(options.secretStorageCommand)
      ? { secretStorageCommand: options.secretStorageCommand }
      : {}),
  };
}

/** Markdown only when the client lists it, as the LSP specification asks (plain text otherwise). */
function supportsMarkdown(formats: unknown): boolean {
  return Array.isArray(formats) && formats.includes(MarkupKind.Markdown);
}

export function serverSettingsFrom(params: { initializationOptions?: unknown; capabilities?: ClientCapabilities | null }): ServerSettings {
  const options = normalizeInitializationOptions(params.initializationOptions);
  const textDocument = params.capabilities?.textDocument ?? {};
  const hoverFormats = textDocument.hover?.contentFormat;
  const documentationFormats = textDocument.completion?.completionItem?.documentationFormat;
  const rangeLimit = textDocument.foldingRange?.rangeLimit;
  return {
    service: {
      templateCompletions: options.templateCompletions,
      limits: options.limits,
      ...(options.secretStorageCommand ? { secretStorageCommand: options.secretStorageCommand } : {}),
      snippetSupport: textDocument.completion?.completionItem?.snippetSupport === true,
      // Hover's formats decide; a client that only tells its completion documentation formats is taken at that.
      markdown: supportsMarkdown(hoverFormats ?? documentationFormats),
    },
    pullDiagnostics: textDocument.diagnostic !== undefined && textDocument.diagnostic !== null,
    hierarchicalSymbols: textDocument.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    codeActionLiterals: textDocument.codeAction?.codeActionLiteralSupport?.codeActionKind?.valueSet !== undefined,
    foldingRangeLimit: typeof rangeLimit === 'number' && rangeLimit >= 0 ? rangeLimit : undefined,
  };
}

/** The settings of a client that declares nothing. */
export const DEFAULT_SERVER_SETTINGS: ServerSettings = serverSettingsFrom({});
